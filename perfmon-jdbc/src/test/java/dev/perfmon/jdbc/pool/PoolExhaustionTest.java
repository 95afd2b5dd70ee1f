package dev.perfmon.jdbc.pool;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.event.PoolSaturation;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.testsupport.TestDatabase;
import dev.perfmon.testsupport.TestThreads;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Real HikariCP pools over H2 and PostgreSQL, saturated by concurrent request scopes: episodes,
 * their snapshots and structured facts ({@link PoolSaturation}), timeouts and long holds, and
 * what the report makes of them. Connections are held with {@code pg_sleep} on PostgreSQL and by
 * the borrowing thread sleeping on H2.
 */
class PoolExhaustionTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lightLoadOpensNoEpisode(TestDatabase db) throws Exception {
        try (PoolFixture f = new PoolFixture(b -> b.exhaustionThreshold(Duration.ofMillis(300)))) {
            HikariDataSource ds = f.pool(PoolFixture.config(db, "light-" + db, 5, Duration.ofSeconds(2)));
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(f.onThread(() -> {
                    for (int i = 0; i < 25; i++) {
                        try (var scope = f.perfMon.openScope("GET /light");
                             Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                            s.execute("select 1");
                        }
                    }
                }));
            }
            PoolFixture.await(workers);
            Thread.sleep(400); // several samples after the load

            assertThat(f.count("perfmon.pool.exhaustion", "pool", "light-" + db)).isZero();
            assertThat(f.received).isEmpty();
            assertThat(f.registry.find("perfmon.pool.timeouts").meters()).isEmpty();
            assertThat(f.monitor.pool("light-" + db).orElseThrow().snapshot().holderCount()).isZero();
            assertThat(f.registry.get("perfmon.request.segment").tags("method", "GET", "uri", "/light", "segment", "db.pool")
                    .timer().count()).isEqualTo(100);
            assertThat(f.registry.get("hikaricp.connections.acquire").tag("pool", "light-" + db).timer().count())
                    .isEqualTo(100);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shortBurstsThatFillThePoolOpenNoEpisode(TestDatabase db) throws Exception {
        String pool = "bursts-" + db;
        try (PoolFixture f = new PoolFixture(b -> b.exhaustionThreshold(Duration.ofSeconds(1)))) {
            HikariDataSource ds = f.pool(PoolFixture.config(db, pool, 3, Duration.ofSeconds(5)));
            MonitoredPool watched = f.monitor.pool(pool).orElseThrow();
            for (int burst = 1; burst <= 3; burst++) {
                // Three borrowers hold the three connections and `burst` more queue behind them.
                // The holders let go once the sampler has seen this burst (the waiting peak, which
                // only samples raise, reaches `burst`): each burst lasts about one sample, far
                // below the 1 s threshold, however slowly a loaded machine runs the threads.
                int waiting = burst;
                CountDownLatch held = new CountDownLatch(3);
                CountDownLatch release = new CountDownLatch(1);
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    workers.add(f.inScope("GET /burst", scope -> {
                        try (Connection c = ds.getConnection()) {
                            held.countDown();
                            PoolFixture.hold(db, c, Duration.ZERO);
                            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                        }
                    }));
                }
                try {
                    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
                    for (int t = 0; t < waiting; t++) {
                        workers.add(f.inScope("GET /burst", scope -> {
                            try (Connection c = ds.getConnection()) {
                                PoolFixture.hold(db, c, Duration.ZERO);
                            }
                        }));
                    }
                    Await.until(Duration.ofSeconds(10), () -> peak(f, "perfmon.pool.waiting.peak", pool) >= waiting,
                            () -> "the sampler seeing " + waiting + " waiting");
                } finally {
                    release.countDown();
                }
                PoolFixture.await(workers);
                // The sampler ended the run (an open run keeps its peak in the snapshot): the
                // next burst starts a new one.
                Await.until(Duration.ofSeconds(10), () -> watched.snapshot().peakWaiting() == 0,
                        () -> "the saturation run to end");
            }

            assertThat(peak(f, "perfmon.pool.active.peak", pool)).as("the bursts filled the pool").isEqualTo(3);
            assertThat(peak(f, "perfmon.pool.waiting.peak", pool)).as("the largest burst waited").isEqualTo(3);
            assertThat(f.count("perfmon.pool.exhaustion", "pool", pool)).isZero();
            assertThat(f.received).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void saturationOpensAnEpisodeAfterTheThresholdNamingHoldersThenWaiters(TestDatabase db) throws Exception {
        try (PoolFixture f = new PoolFixture(b -> b.exhaustionThreshold(Duration.ofMillis(500))
                .quietPeriod(Duration.ofMillis(300)).captureAcquisitionStacks(true))) {
            String pool = "saturated-" + db;
            PerfReporter reporter = PerfReporter.builder(f.perfMon).build();
            HikariDataSource ds = f.pool(PoolFixture.config(db, pool, 2, Duration.ofSeconds(30)));
            // The holders keep their connections until the episode has opened and every waiter has
            // waited a second: no wait can end first (which would open it as LONG_WAIT), however
            // late a loaded machine starts the waiters.
            CountDownLatch held = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                work.add(f.inScope("GET /report", scope -> {
                    try (Connection c = ds.getConnection()) {
                        held.countDown();
                        PoolFixture.hold(db, c, Duration.ofMillis(100));
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    }
                }));
            }
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            f.awaitNoWaitsNoted(pool);
            long queuedFrom = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                work.add(f.inScope(i < 4 ? "GET /posts" : "GET /users", scope -> {
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                        s.execute("select 1");
                    }
                }));
            }
            PoolExhausted opened;
            try {
                Await.until(Duration.ofSeconds(10), () -> ds.getHikariPoolMXBean().getThreadsAwaitingConnection() == 6,
                        () -> "six threads waiting");
                long allWaiting = System.nanoTime();
                opened = f.awaitEvent(PoolExhausted.class, Duration.ofSeconds(10));
                long leftMillis = 1_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - allWaiting);
                if (leftMillis > 0) {
                    Thread.sleep(leftMillis);
                }
            } finally {
                release.countDown();
            }

            long openedAfterMillis = TimeUnit.NANOSECONDS.toMillis(f.arrivalOf(opened) - queuedFrom);
            assertThat(openedAfterMillis).as("episode opened after the first waiter queued (ms)").isGreaterThanOrEqualTo(500L);
            assertThat(opened.trigger()).isEqualTo(ExhaustionTrigger.SATURATION);
            PoolSnapshot snapshot = opened.snapshot();
            assertThat(snapshot.pool()).isEqualTo(pool);
            assertThat(snapshot.maxConnections()).isEqualTo(2);
            assertThat(snapshot.active()).isEqualTo(2);
            assertThat(snapshot.idle()).isZero();
            assertThat(snapshot.waiting()).isPositive();
            assertThat(snapshot.holderCount()).isEqualTo(2);
            assertThat(snapshot.longestHolders()).extracting(ConnectionHolder::route)
                    .containsExactly("GET /report", "GET /report");
            ConnectionHolder longest = snapshot.longestHolders().get(0);
            assertThat(longest.heldFor()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(longest.acquisitionSite()).contains("PoolExhaustionTest");
            assertThat(longest.currentStack()).as("what the holder is doing").isNotEmpty();
            assertThat(opened.summary()).contains("pool '" + pool + "' exhausted (saturation): 2/2 active", "GET /report");
            assertThat(snapshot.render()).startsWith("pool '" + pool + "' INSTRUMENTED at ")
                    .contains("2/2 active, 0 idle", "longest holders (2 of 2):\n    GET /report (",
                            "        acquired at dev.perfmon.jdbc.pool.PoolExhaustionTest", "        now at ", "  waiting routes:\n");
            // The same facts as data, for readers that must not parse the summary.
            assertThat(opened.opensEpisode()).isTrue();
            assertThat(opened.pool()).isEqualTo(pool);
            assertThat(List.of(opened.maxConnections(), opened.active(), opened.idle())).containsExactly(2, 2, 0);
            assertThat(opened.waiting()).isEqualTo(snapshot.waiting());
            assertThat(opened.peakWaiting()).isEqualTo(snapshot.peakWaiting());
            assertThat(opened.holders()).extracting(PoolSaturation.Holder::route, PoolSaturation.Holder::heldFor)
                    .containsExactly(Tuple.tuple("GET /report", snapshot.longestHolders().get(0).heldFor()),
                            Tuple.tuple("GET /report", snapshot.longestHolders().get(1).heldFor()));
            assertThat(opened.waiters()).extracting(PoolSaturation.Waiter::route)
                    .containsExactlyElementsOf(snapshot.waitingRoutes().stream().map(WaitingRoute::route).toList());
            assertThat(snapshot.waitingRoutes()).as("without perfmon's DataSource decorator, waits are known once they end")
                    .allSatisfy(r -> assertThat(r.waitingNow()).isZero());

            PoolExhaustionEnded ended = f.awaitEvent(PoolExhaustionEnded.class, Duration.ofSeconds(10));
            PoolFixture.await(work);
            assertThat(ended.waitingRoutes()).extracting(WaitingRoute::route, WaitingRoute::waits, WaitingRoute::timeouts)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("GET /posts", 4L, 0L),
                            org.assertj.core.groups.Tuple.tuple("GET /users", 2L, 0L));
            assertThat(ended.longestHolders()).extracting(ConnectionHolder::route).first().isEqualTo("GET /report");
            assertThat(ended.longestHolders().get(0).heldFor()).as("the longest hold the episode saw")
                    .isGreaterThanOrEqualTo(longest.heldFor());
            assertThat(ended.timeouts()).isZero();
            assertThat(ended.peakWaiting()).isBetween(1, 6);
            assertThat(ended.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(ended.opensEpisode()).isFalse();
            assertThat(ended.maxConnections()).isEqualTo(PoolSaturation.UNKNOWN);
            assertThat(ended.holders()).first().satisfies(h -> {
                assertThat(h.route()).isEqualTo("GET /report");
                assertThat(h.heldFor()).isEqualTo(ended.longestHolders().get(0).heldFor());
            });
            assertThat(ended.waiters()).extracting(PoolSaturation.Waiter::route, PoolSaturation.Waiter::waits,
                            PoolSaturation.Waiter::longestWait)
                    .containsExactly(Tuple.tuple("GET /posts", 4L, ended.waitingRoutes().get(0).longestWait()),
                            Tuple.tuple("GET /users", 2L, ended.waitingRoutes().get(1).longestWait()));
            // The report reads those facts: one episode of this pool, held by GET /report.
            double reportHeld = Stream.of(opened.holders(), ended.holders()).flatMap(List::stream)
                    .filter(h -> h.route().equals("GET /report")).mapToDouble(h -> h.heldFor().toNanos() / 1e9).sum();
            PoolSummary summary = reporter.report().pools().stream().filter(p -> p.pool().equals(pool)).findFirst()
                    .orElseThrow();
            assertThat(summary.episodes()).isEqualTo(1);
            assertThat(summary.mainHolders()).first().satisfies(h -> {
                assertThat(h.route()).isEqualTo("GET /report");
                // Both holds as the episode opened (each at least the 0.5 s threshold) and the longest one it saw.
                assertThat(h.heldSeconds()).isCloseTo(reportHeld, within(0.001)).isGreaterThanOrEqualTo(1.5);
            });
            assertThat(summary.maxConnections()).isEqualTo(2);
            assertThat(f.count("perfmon.pool.exhaustion", "pool", pool)).isEqualTo(1);
            assertThat(f.registry.get("perfmon.pool.exhaustion.duration").tag("pool", pool).timer().count()).isEqualTo(1);
            assertThat(f.registry.get("perfmon.pool.waiting.peak").tag("pool", pool).gauge().value()).isBetween(1.0, 6.0);
            assertThat(f.registry.get("perfmon.request.segment").tags("method", "GET", "uri", "/posts", "segment", "db.pool")
                    .timer().totalTime(TimeUnit.MILLISECONDS)).as("waiters' pool wait in their scopes").isGreaterThanOrEqualTo(4 * 1_000.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void throughTheDecoratorTheOpeningSnapshotNamesTheThreadsStillWaitingPerRoute(TestDatabase db) throws Exception {
        try (PoolFixture f = new PoolFixture(b -> b.exhaustionThreshold(Duration.ofSeconds(1))
                .quietPeriod(Duration.ofMillis(300)))) {
            String pool = "queued-" + db;
            HikariDataSource ds = f.pool(PoolFixture.config(db, pool, 2, Duration.ofSeconds(30)));
            DataSource app = PerfMonDataSource.wrap(ds, f.perfMon);
            CountDownLatch held = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                work.add(f.inScope("GET /report", scope -> {
                    try (Connection c = app.getConnection()) {
                        held.countDown();
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                        try (Statement s = c.createStatement()) {
                            s.execute("select 1");
                        }
                    }
                }));
            }
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            // Five waiters, already running in their scopes, queue at once when the gate opens.
            CountDownLatch ready = new CountDownLatch(5);
            CountDownLatch go = new CountDownLatch(1);
            long queuedFrom = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                work.add(f.inScope(i < 3 ? "GET /posts" : "GET /users", scope -> {
                    ready.countDown();
                    go.await();
                    try (Connection c = app.getConnection(); Statement s = c.createStatement()) {
                        s.execute("select 1");
                    }
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();

            PoolExhausted opened;
            try {
                opened = f.awaitEvent(PoolExhausted.class, Duration.ofSeconds(10));
                assertThat(ds.getHikariPoolMXBean().getThreadsAwaitingConnection()).as("nobody got a connection yet")
                        .isEqualTo(5);
            } finally {
                release.countDown();
            }
            PoolFixture.await(work);
            long openedWithin = f.arrivalOf(opened) - queuedFrom;

            assertThat(opened.trigger()).isEqualTo(ExhaustionTrigger.SATURATION);
            PoolSnapshot snapshot = opened.snapshot();
            assertThat(snapshot.waiting()).isEqualTo(5);
            assertThat(snapshot.longestHolders()).extracting(ConnectionHolder::route)
                    .containsExactly("GET /report", "GET /report");
            WaitingRoute posts = route(snapshot, "GET /posts");
            WaitingRoute users = route(snapshot, "GET /users");
            assertThat(List.of(posts.waitingNow(), users.waitingNow())).as("threads waiting now, per route")
                    .containsExactly(3, 2);
            assertThat(List.of(posts.waits(), users.waits())).as("no wait of theirs has ended").containsExactly(0L, 0L);
            assertThat(snapshot.waitingRoutes()).filteredOn(r -> r.waitingNow() > 0).hasSize(2);
            assertThat(snapshot.waitingRoutes()).extracting(WaitingRoute::route).startsWith("GET /posts", "GET /users");
            for (WaitingRoute waiting : List.of(posts, users)) {
                // Queued before the saturation run began, which lasted the 1 s threshold before the episode opened.
                assertThat(waiting.longestWaitingNow()).isGreaterThan(Duration.ofMillis(500))
                        .isLessThanOrEqualTo(Duration.ofNanos(openedWithin));
            }
            assertThat(opened.route()).isEqualTo("GET /posts");
            assertThat(opened.summary()).contains("; waiting: GET /posts (3 waiting now, longest ",
                    "GET /users (2 waiting now, longest ");
            assertThat(snapshot.render()).contains("  waiting routes:\n    GET /posts (3 waiting now, longest ");
            assertThat(opened.waiters()).filteredOn(w -> !w.route().equals("GET /report"))
                    .extracting(PoolSaturation.Waiter::route, PoolSaturation.Waiter::waits, PoolSaturation.Waiter::longestWait)
                    .containsExactly(Tuple.tuple("GET /posts", 3L, posts.longestWaitingNow()),
                            Tuple.tuple("GET /users", 2L, users.longestWaitingNow()));

            // Once their waits end, HikariCP reports them: the closing event counts them as finished waits.
            PoolExhaustionEnded ended = f.awaitEvent(PoolExhaustionEnded.class, Duration.ofSeconds(10));
            assertThat(ended.waitingRoutes()).filteredOn(r -> !r.route().equals("GET /report"))
                    .extracting(WaitingRoute::route, WaitingRoute::waits, WaitingRoute::waitingNow)
                    .containsExactly(Tuple.tuple("GET /posts", 3L, 0), Tuple.tuple("GET /users", 2L, 0));
            assertThat(f.perfMon.failureCount("jdbc")).isZero();
            assertThat(f.perfMon.failureCount("pool-monitor")).isZero();
        }
    }

    private static WaitingRoute route(PoolSnapshot snapshot, String route) {
        return snapshot.waitingRoutes().stream().filter(r -> r.route().equals(route)).findFirst()
                .orElseThrow(() -> new AssertionError(route + " not among " + snapshot.waitingRoutes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void timeoutsAreCountedExactlyPerWaitingRouteAndReachTheApplicationUnchanged(TestDatabase db) throws Exception {
        // A threshold far above the timeouts, so that only a timeout can open the episode.
        try (PoolFixture f = new PoolFixture(b -> b.quietPeriod(Duration.ofSeconds(1))
                .exhaustionThreshold(Duration.ofSeconds(10)))) {
            String pool = "timeouts-" + db;
            HikariDataSource ds = f.pool(PoolFixture.config(db, pool, 2, Duration.ofMillis(250)));
            // The holders keep their connections until every waiter has timed out and the episode
            // has opened, however late a loaded machine runs the waiters and the sampler.
            CountDownLatch held = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            List<Future<?>> holders = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                holders.add(f.inScope("GET /report", scope -> {
                    try (Connection c = ds.getConnection()) {
                        held.countDown();
                        PoolFixture.hold(db, c, Duration.ofMillis(100));
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    }
                }));
            }
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            f.awaitNoWaitsNoted(pool);
            CountDownLatch go = new CountDownLatch(1);
            List<SQLException> failures = new CopyOnWriteArrayList<>();
            List<Future<?>> waiters = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                waiters.add(f.inScope(i < 4 ? "GET /posts" : "GET /users", scope -> {
                    go.await();
                    try (Connection c = ds.getConnection()) {
                        throw new AssertionError("got a connection from a saturated pool: " + c);
                    } catch (SQLException e) {
                        failures.add(e);
                    }
                }));
            }
            go.countDown();
            PoolExhausted opened;
            try {
                PoolFixture.await(waiters);
                opened = f.awaitEvent(PoolExhausted.class, Duration.ofSeconds(10));
            } finally {
                release.countDown();
            }

            assertThat(failures).hasSize(6).allSatisfy(e -> {
                assertThat(e.getClass()).isEqualTo(SQLTransientConnectionException.class);
                assertThat(e.getMessage()).startsWith(pool + " - Connection is not available, request timed out after");
            });
            assertThat(f.count("perfmon.pool.timeouts", "pool", pool, "method", "GET", "uri", "/posts")).isEqualTo(4);
            assertThat(f.count("perfmon.pool.timeouts", "pool", pool, "method", "GET", "uri", "/users")).isEqualTo(2);
            assertThat(f.count("hikaricp.connections.timeout", "pool", pool)).isEqualTo(6);

            assertThat(opened.trigger()).isEqualTo(ExhaustionTrigger.TIMEOUT);
            assertThat(opened.severity()).isEqualTo(dev.perfmon.core.event.Severity.CRITICAL);
            assertThat(opened.snapshot().longestHolders()).extracting(ConnectionHolder::route)
                    .containsExactly("GET /report", "GET /report");
            assertThat(opened.snapshot().waitingRoutes()).isNotEmpty().extracting(WaitingRoute::route)
                    .isSubsetOf("GET /posts", "GET /users");
            assertThat(opened.holders()).extracting(PoolSaturation.Holder::route).containsExactly("GET /report", "GET /report");
            assertThat(opened.waiters()).extracting(PoolSaturation.Waiter::route, PoolSaturation.Waiter::waits)
                    .containsExactlyElementsOf(opened.snapshot().waitingRoutes().stream()
                            .map(r -> Tuple.tuple(r.route(), r.waits())).toList());

            PoolExhaustionEnded ended = f.awaitEvent(PoolExhaustionEnded.class, Duration.ofSeconds(10));
            assertThat(ended.timeouts()).isEqualTo(6);
            assertThat(ended.waiters()).extracting(PoolSaturation.Waiter::route, PoolSaturation.Waiter::waits)
                    .containsExactly(Tuple.tuple("GET /posts", 4L), Tuple.tuple("GET /users", 2L));
            assertThat(ended.waitingRoutes()).extracting(WaitingRoute::route, WaitingRoute::waits, WaitingRoute::timeouts)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("GET /posts", 4L, 4L),
                            org.assertj.core.groups.Tuple.tuple("GET /users", 2L, 2L));
            assertThat(f.count("perfmon.pool.exhaustion", "pool", pool)).isEqualTo(1);
            assertThat(f.registry.get("perfmon.request.segment").tags("method", "GET", "uri", "/posts", "segment", "db.pool")
                    .timer().totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(4 * 240.0);
            assertStandardHikariMeters(f, pool, 2);
            PoolFixture.await(holders);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLongHoldIsReportedOnceWithItsRouteAndAcquisitionSite(TestDatabase db) throws Exception {
        try (PoolFixture f = new PoolFixture(b -> b.longHoldThreshold(Duration.ofMillis(300))
                .captureAcquisitionStacks(true))) {
            String pool = "holds-" + db;
            HikariDataSource ds = f.pool(PoolFixture.config(db, pool, 2, Duration.ofSeconds(1)));
            // Held until the hold was reported, however late a loaded machine runs the sampler.
            CountDownLatch release = new CountDownLatch(1);
            Future<?> export = f.inScope("job:export", scope -> {
                try (Connection c = ds.getConnection()) {
                    PoolFixture.hold(db, c, Duration.ofMillis(100));
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                }
            });

            LongConnectionHold hold;
            try {
                hold = f.awaitEvent(LongConnectionHold.class, Duration.ofSeconds(10));
            } finally {
                release.countDown();
            }
            export.get(10, TimeUnit.SECONDS);
            Thread.sleep(300); // a few more samples: the same hold is not reported again

            assertThat(hold.pool()).isEqualTo(pool);
            assertThat(hold.route()).isEqualTo("job:export");
            assertThat(hold.threshold()).isEqualTo(Duration.ofMillis(300));
            assertThat(hold.holder().heldFor()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(hold.holder().thread()).startsWith(TestThreads.virtual() ? "#" : "pool-");
            assertThat(hold.holder().acquisitionSite()).contains("PoolExhaustionTest");
            assertThat(hold.holder().currentStack()).isNotEmpty();
            assertThat(hold.summary()).contains("job:export", "threshold 300 ms", "acquired at");
            assertThat(f.events(LongConnectionHold.class)).hasSize(1);
            assertThat(f.count("perfmon.pool.long.holds", "pool", pool, "uri", "job:export")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void underManyConcurrentScopesEveryWaitIsAttributedOnceAndNoHolderLeaks(TestDatabase db) throws Exception {
        try (PoolFixture f = new PoolFixture(b -> { })) {
            String pool = "busy-" + db;
            HikariDataSource ds = f.pool(PoolFixture.config(db, pool, 3, Duration.ofSeconds(10)));
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 24; t++) {
                String route = "GET /busy/" + (t % 4);
                workers.add(f.onThread(() -> {
                    for (int i = 0; i < 20; i++) {
                        try (var scope = f.perfMon.openScope(route); Connection c = ds.getConnection()) {
                            PoolFixture.hold(db, c, Duration.ofMillis(2));
                        }
                    }
                }));
            }
            PoolFixture.await(workers);

            double scopeWaitNanos = 0;
            long scopes = 0;
            for (var timer : f.registry.find("perfmon.request.segment").tag("segment", "db.pool").timers()) {
                scopeWaitNanos += timer.totalTime(TimeUnit.NANOSECONDS);
                scopes += timer.count();
            }
            var acquire = f.registry.get("hikaricp.connections.acquire").tag("pool", pool).timer();
            assertThat(scopes).isEqualTo(480);
            assertThat(acquire.count()).isEqualTo(480);
            assertThat(scopeWaitNanos).as("the scopes' db.pool wait is exactly HikariCP's acquisition time")
                    .isCloseTo(acquire.totalTime(TimeUnit.NANOSECONDS), org.assertj.core.data.Offset.offset(1_000.0));
            assertThat(f.monitor.pool(pool).orElseThrow().snapshot().holderCount()).isZero();
            assertThat(f.perfMon.failureCount("pool-monitor")).isZero();
        }
    }

    private static double peak(PoolFixture f, String gauge, String pool) {
        return f.registry.get(gauge).tag("pool", pool).gauge().value();
    }

    static void assertStandardHikariMeters(PoolFixture f, String pool, int max) {
        for (String timer : List.of("hikaricp.connections.acquire", "hikaricp.connections.usage",
                "hikaricp.connections.creation")) {
            assertThat(f.registry.find(timer).tag("pool", pool).timer()).as(timer).isNotNull();
        }
        assertThat(f.registry.find("hikaricp.connections.timeout").tag("pool", pool).counter()).isNotNull();
        for (String gauge : List.of("hikaricp.connections", "hikaricp.connections.idle", "hikaricp.connections.active",
                "hikaricp.connections.pending", "hikaricp.connections.max", "hikaricp.connections.min")) {
            assertThat(f.registry.find(gauge).tag("pool", pool).gauge()).as(gauge).isNotNull();
        }
        assertThat(f.registry.get("hikaricp.connections.max").tag("pool", pool).gauge().value()).isEqualTo(max);
    }
}
