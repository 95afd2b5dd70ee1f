package dev.perfmon.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.internal.PoolWaitRecorder;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ways a pool gets monitored: built from a {@code HikariConfig}, a data source built
 * elsewhere (Spring Boot's case), a running pool, and a pool with metrics of its own (polled).
 */
class PoolInstallationTest {

    @Test
    void aPoolBuiltFromAConfigKeepsHikariMetersAndAttributesPoolWaitToTheScope() throws Exception {
        try (PoolFixture f = new PoolFixture(b -> { })) {
            HikariDataSource ds = f.pool(PoolFixture.config(TestDatabase.h2(), "built", 3, Duration.ofSeconds(1)));
            MonitoredPool pool = f.monitor.pool("built").orElseThrow();

            assertThat(pool.mode()).isEqualTo(MonitorMode.INSTRUMENTED);
            assertThat(ds.getMetricsTrackerFactory()).isInstanceOf(PerfMonMetricsTrackerFactory.class);
            assertThat(PoolWaitRecorder.recordsPoolWait(ds)).as("the decorator skips its own db.pool").isTrue();
            try (RequestScope scope = f.perfMon.openScope("GET /posts")) {
                try (Connection ignored = ds.getConnection()) {
                    PoolSnapshot during = pool.snapshot();
                    assertThat(during.holderCount()).isEqualTo(1);
                    assertThat(during.active()).isEqualTo(1);
                    assertThat(during.longestHolders()).singleElement().satisfies(holder -> {
                        assertThat(holder.route()).isEqualTo("GET /posts");
                        assertThat(holder.thread()).isEqualTo(Thread.currentThread().getName());
                        assertThat(holder.acquisitionStack()).as("disabled by default").isEmpty();
                    });
                }
                assertThat(scope.segmentCount(Segment.DB_POOL)).isEqualTo(1);
            }
            assertThat(pool.snapshot().holderCount()).isZero();
            PoolExhaustionTest.assertStandardHikariMeters(f, "built", 3);
            assertThat(f.registry.get("hikaricp.connections.acquire").tag("pool", "built").timer().count()).isEqualTo(1);
            assertThat(f.registry.find("perfmon.pool.exhaustion").tag("pool", "built").counter()).isNotNull();
        }
    }

    @Test
    void aLazilyStartedDataSourceLikeSpringBootsIsInstrumentedBeforeItsFirstConnection() throws Exception {
        try (PoolFixture f = new PoolFixture(b -> { })) {
            TestDatabase db = TestDatabase.h2();
            HikariDataSource ds = new HikariDataSource(); // what Spring Boot's DataSourceBuilder creates
            ds.setJdbcUrl(db.jdbcUrl());
            ds.setUsername(db.user());
            ds.setPassword(db.password());
            ds.setMaximumPoolSize(2);

            f.closeLater(ds);
            MonitoredPool pool = f.monitor.monitor(ds); // from a BeanPostProcessor
            assertThat(pool.name()).isEqualTo(MonitoredPool.NOT_STARTED);
            assertThat(pool.mode()).isEqualTo(MonitorMode.INSTRUMENTED);
            // Spring Boot's HikariDataSourceMeterBinder binds its own tracker only when both are null:
            assertThat(ds.getMetricRegistry() == null && ds.getMetricsTrackerFactory() == null).isFalse();

            try (RequestScope ignored = f.perfMon.openScope("GET /first"); Connection c = ds.getConnection()) {
                assertThat(pool.name()).isEqualTo(ds.getPoolName());
                assertThat(pool.snapshot().longestHolders()).extracting(ConnectionHolder::route).containsExactly("GET /first");
                assertThat(pool.snapshot().maxConnections()).isEqualTo(2);
            }
            assertThat(f.monitor.pools()).containsExactly(pool);
            PoolExhaustionTest.assertStandardHikariMeters(f, ds.getPoolName(), 2);
        }
    }

    @Test
    void aDecoratorBuiltBeforeTheLazyPoolStartsNamesItsWaitingThreadsOnceThePoolRuns() throws Exception {
        try (PoolFixture f = new PoolFixture(b -> { });
             PerfMon otherPerfMon = PerfMon.builder(new SimpleMeterRegistry()).build()) {
            TestDatabase db = TestDatabase.h2();
            HikariDataSource ds = new HikariDataSource(); // unnamed: HikariCP names it when it starts
            ds.setJdbcUrl(db.jdbcUrl());
            ds.setUsername(db.user());
            ds.setPassword(db.password());
            ds.setMaximumPoolSize(1);
            ds.setConnectionTimeout(30_000);
            f.closeLater(ds);
            MonitoredPool pool = f.monitor.monitor(ds);
            DataSource app = PerfMonDataSource.wrap(ds, f.perfMon);
            DataSource elsewhere = PerfMonDataSource.wrap(ds, otherPerfMon); // reports to another PerfMon

            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = f.inScope("GET /report", scope -> {
                try (Connection c = app.getConnection()) {
                    held.countDown();
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                }
            });
            List<Future<?>> waiters = new java.util.ArrayList<>();
            try {
                assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
                waiters.add(f.onThread(() -> {
                    try (RequestScope ignored = otherPerfMon.openScope("GET /elsewhere");
                         Connection c = elsewhere.getConnection()) {
                        // waited behind the holder
                    }
                }));
                Await.until(Duration.ofSeconds(10), () -> ds.getHikariPoolMXBean().getThreadsAwaitingConnection() == 1,
                        () -> "the other PerfMon's caller waiting");
                waiters.add(f.inScope("GET /posts", scope -> app.getConnection().close()));

                Await.until(Duration.ofSeconds(10), () -> pool.snapshot().waitingRoutes().stream()
                                .anyMatch(r -> r.route().equals("GET /posts") && r.waitingNow() == 1),
                        () -> "GET /posts waiting now in " + pool.snapshot().waitingRoutes());
                assertThat(ds.getHikariPoolMXBean().getThreadsAwaitingConnection()).isEqualTo(2);
                assertThat(pool.snapshot().waitingRoutes()).as("only this PerfMon's decorator registers its calls")
                        .filteredOn(r -> r.waitingNow() > 0).extracting(WaitingRoute::route, WaitingRoute::waitingNow)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("GET /posts", 1));
            } finally {
                release.countDown();
            }
            PoolFixture.await(List.of(holder));
            PoolFixture.await(waiters);
            assertThat(pool.snapshot().waitingRoutes()).allSatisfy(r -> assertThat(r.waitingNow()).isZero());
            assertThat(f.perfMon.failureCount("jdbc")).isZero();
        }
    }

    @Test
    void aRunningPoolWithoutMetricsIsInstrumentedFromThenOn() throws Exception {
        try (PoolFixture f = new PoolFixture(b -> { })) {
            HikariDataSource ds = f.filled(new HikariDataSource(
                    PoolFixture.config(TestDatabase.h2(), "running", 2, Duration.ofSeconds(1))));
            Connection borrowedBefore = ds.getConnection();

            MonitoredPool pool = f.monitor.monitor(ds);
            assertThat(pool.mode()).isEqualTo(MonitorMode.INSTRUMENTED);
            assertThat(pool.name()).isEqualTo("running");
            borrowedBefore.close(); // returned after perfmon attached: matches no holder
            try (RequestScope ignored = f.perfMon.openScope("GET /after"); Connection c = ds.getConnection()) {
                assertThat(pool.snapshot().longestHolders()).extracting(ConnectionHolder::route).containsExactly("GET /after");
            }
            assertThat(pool.snapshot().holderCount()).isZero();
            assertThat(f.registry.get("hikaricp.connections.acquire").tag("pool", "running").timer().count()).isEqualTo(1);
        }
    }

    @Test
    void aConfigInstalledByHandAndThenMonitoredIsOnePool() throws Exception {
        try (PoolFixture f = new PoolFixture(b -> { })) {
            HikariConfig config = f.monitor.install(PoolFixture.config(TestDatabase.h2(), "by-hand", 2, Duration.ofSeconds(1)));
            assertThat(f.monitor.install(config)).as("idempotent").isSameAs(config);
            HikariDataSource ds = f.filled(new HikariDataSource(config));
            assertThat(f.monitor.pools()).extracting(MonitoredPool::name).containsExactly("by-hand");

            MonitoredPool pool = f.monitor.monitor(ds);
            assertThat(f.monitor.pools()).containsExactly(pool);
            try (Connection c = ds.getConnection()) {
                PoolSnapshot snapshot = pool.snapshot();
                assertThat(snapshot.idle()).as("read live from the pool").isEqualTo(1);
                assertThat(snapshot.longestHolders()).extracting(ConnectionHolder::route).containsExactly("none");
            }
        }
    }

    @Test
    void theDefaultLongHoldThresholdIsTheLargerOfSixtySecondsAndTwiceTheConnectionTimeout() {
        try (PoolFixture f = new PoolFixture(b -> { })) {
            f.pool(PoolFixture.config(TestDatabase.h2(), "slow-timeout", 1, Duration.ofSeconds(45)));
            f.pool(PoolFixture.config(TestDatabase.h2(), "fast-timeout", 1, Duration.ofMillis(250)));

            assertThat(f.monitor.pool("slow-timeout").orElseThrow().longHoldThreshold()).isEqualTo(Duration.ofSeconds(90));
            assertThat(f.monitor.pool("fast-timeout").orElseThrow().longHoldThreshold()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void aPoolWithItsOwnMetricsIsPolledAndALineSaysSo() throws Exception {
        try (PoolFixture f = new PoolFixture(b -> b.exhaustionThreshold(Duration.ofMillis(300)));
             CapturedLog log = new CapturedLog("dev.perfmon.jdbc.pool")) {
            TestDatabase db = TestDatabase.h2();
            HikariConfig config = PoolFixture.config(db, "own-metrics", 1, Duration.ofSeconds(5));
            config.setMetricRegistry(f.registry);
            HikariDataSource ds = f.pool(config);
            MonitoredPool pool = f.monitor.pool("own-metrics").orElseThrow();

            assertThat(pool.mode()).isEqualTo(MonitorMode.POLLING);
            assertThat(f.monitor.monitor(ds)).as("monitoring twice is one pool").isSameAs(pool);
            assertThat(PoolWaitRecorder.recordsPoolWait(ds)).as("the decorator records db.pool itself").isFalse();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .contains("'own-metrics'", "metric registry", "polls its HikariPoolMXBean every 50 ms"));

            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = f.inScope("GET /report", scope -> {
                try (Connection c = ds.getConnection()) {
                    held.countDown();
                    release.await(10, TimeUnit.SECONDS); // held until the episode was seen
                }
            });
            assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
            Future<?> waiter = f.inScope("GET /posts", scope -> ds.getConnection().close());

            PoolExhausted opened;
            try {
                opened = f.awaitEvent(PoolExhausted.class, Duration.ofSeconds(10));
            } finally {
                release.countDown();
            }
            assertThat(opened.trigger()).isEqualTo(ExhaustionTrigger.SATURATION);
            assertThat(opened.snapshot().mode()).isEqualTo(MonitorMode.POLLING);
            assertThat(opened.snapshot().active()).isEqualTo(1);
            assertThat(opened.snapshot().waiting()).isEqualTo(1);
            assertThat(opened.snapshot().longestHolders()).as("unknown when polling").isEmpty();
            PoolFixture.await(List.of(holder, waiter));
            assertThat(f.registry.find("perfmon.pool.timeouts").meters()).isEmpty();
        }
    }

    @Test
    void aPolledPoolOpensAnEpisodeOnTimeoutsSeenInHikarisOwnCounter() throws Exception {
        try (PoolFixture f = new PoolFixture(b -> b.exhaustionThreshold(Duration.ofSeconds(10)))) {
            HikariConfig config = PoolFixture.config(TestDatabase.h2(), "own-factory", 1, Duration.ofMillis(250));
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(f.registry));
            HikariDataSource ds = f.pool(config);
            assertThat(f.monitor.pool("own-factory").orElseThrow().mode()).isEqualTo(MonitorMode.POLLING);

            try (Connection held = ds.getConnection()) {
                assertThatThrownBy(ds::getConnection).isInstanceOf(java.sql.SQLTransientConnectionException.class);
                PoolExhausted opened = f.awaitEvent(PoolExhausted.class, Duration.ofSeconds(10));
                assertThat(opened.trigger()).isEqualTo(ExhaustionTrigger.TIMEOUT);
            }
        }
    }

    @Test
    void findingsReachTheDefaultRateLimitedLog() throws Exception {
        try (CapturedLog log = new CapturedLog("dev.perfmon.findings");
             PoolFixture f = new PoolFixture(b -> b.quietPeriod(Duration.ofMillis(200))
                     .exhaustionThreshold(Duration.ofSeconds(10)), true)) {
            HikariDataSource ds = f.pool(PoolFixture.config(TestDatabase.h2(), "logged", 1, Duration.ofMillis(250)));
            try (RequestScope ignored = f.perfMon.openScope("GET /report"); Connection held = ds.getConnection()) {
                Future<?> waiter = f.inScope("GET /posts", scope -> {
                    try (Connection c = ds.getConnection()) {
                        throw new AssertionError("pool of one was held");
                    } catch (SQLException expected) {
                        // the timeout under test
                    }
                });
                waiter.get(5, TimeUnit.SECONDS);
                f.awaitEvent(PoolExhausted.class, Duration.ofSeconds(10));
            }
            f.awaitEvent(PoolExhaustionEnded.class, Duration.ofSeconds(10));

            assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith(
                    "perfmon pool.exhausted: pool 'logged' exhausted (timeout): 1/1 active").contains(
                    "held by GET /report", "waiting: GET /posts (1 wait, 1 timeout"));
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("perfmon pool.exhaustion.ended: pool 'logged' recovered after"));
            assertThat(log.records).filteredOn(r -> r.getMessage().startsWith("perfmon pool.exhausted"))
                    .singleElement().extracting(LogRecord::getLevel).isEqualTo(Level.SEVERE);
        }
    }

    @Test
    void closingPerfMonStopsTheMonitorAndRemovesItsMeters() {
        PoolFixture f = new PoolFixture(b -> { });
        try {
            f.pool(PoolFixture.config(TestDatabase.h2(), "closing", 1, Duration.ofSeconds(1)));
            assertThat(f.registry.find("perfmon.pool.exhausted").gauges()).hasSize(1);

            f.perfMon.close();

            assertThat(f.monitor.pools()).isEmpty();
            assertThat(f.registry.find("perfmon.pool.exhausted").gauges()).isEmpty();
            assertThat(f.registry.find("hikaricp.connections.acquire").timers()).as("HikariCP's own stay").hasSize(1);
        } finally {
            f.close();
        }
    }

    @Test
    void invalidSettingsAreRejectedWithTheirValue() {
        try (PoolFixture f = new PoolFixture(b -> { })) {
            assertThatThrownBy(() -> PerfMonPoolMonitor.builder(f.perfMon).sampleInterval(Duration.ofMillis(5)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("sampleInterval must be between 10 ms and 1 s, was PT0.005S");
            assertThatThrownBy(() -> PerfMonPoolMonitor.builder(f.perfMon).exhaustionThreshold(Duration.ZERO).build())
                    .hasMessage("exhaustionThreshold must be positive, was PT0S");
            assertThatThrownBy(() -> PerfMonPoolMonitor.builder(f.perfMon).quietPeriod(Duration.ofSeconds(-1)).build())
                    .hasMessage("quietPeriod must be positive, was PT-1S");
            assertThatThrownBy(() -> PerfMonPoolMonitor.builder(f.perfMon).maxHolders(0).build())
                    .hasMessage("maxHolders must be between 1 and 100, was 0");
        }
    }

    /** Collects what a JUL logger (the default System.Logger backend) writes. */
    static final class CapturedLog extends Handler implements AutoCloseable {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger logger;
        private final Level previous;

        CapturedLog(String name) {
            logger = Logger.getLogger(name);
            previous = logger.getLevel();
            logger.setLevel(Level.ALL);
            logger.addHandler(this);
        }

        List<String> lines() {
            return records.stream().map(LogRecord::getMessage).toList();
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }
    }
}
