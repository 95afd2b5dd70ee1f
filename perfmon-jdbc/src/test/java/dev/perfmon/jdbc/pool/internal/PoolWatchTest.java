package dev.perfmon.jdbc.pool.internal;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.jdbc.pool.ExhaustionTrigger;
import dev.perfmon.jdbc.pool.LongConnectionHold;
import dev.perfmon.jdbc.pool.MonitorMode;
import dev.perfmon.jdbc.pool.PoolExhausted;
import dev.perfmon.jdbc.pool.PoolExhaustionEnded;
import dev.perfmon.jdbc.pool.PoolSnapshot;
import dev.perfmon.jdbc.pool.WaitingRoute;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The episode state machine, peaks and long holds, driven tick by tick with a mock clock and a
 * fake pool, and perfmon's tracker fed the callbacks HikariCP makes.
 */
class PoolWatchTest {

    private static final long TICK_MS = 50;

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final List<PerfMonEvent> events = new CopyOnWriteArrayList<>();
    private final FakeProbe probe = new FakeProbe();
    private PerfMon perfMon;
    private PoolTracker tracker;
    private PoolWatch watch;

    @BeforeEach
    void setUp() {
        perfMon = PerfMon.builder(registry).clock(clock)
                .config(PerfMonConfig.builder().logFindings(false).build())
                .listener(events::add).build();
        PoolMonitorSettings settings = new PoolMonitorSettings(Duration.ofMillis(TICK_MS), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(5), true, 5);
        tracker = new PoolTracker(perfMon, new IMetricsTracker() { }, "orders", null, settings);
        watch = new PoolWatch(perfMon, settings, probe, MonitorMode.INSTRUMENTED);
        watch.attach(tracker);
        probe.max = 2;
    }

    @AfterEach
    void tearDown() {
        watch.close();
        perfMon.close();
    }

    @Test
    void saturationShorterThanTheThresholdOpensNoEpisode() {
        saturate(true);
        ticks(900);
        saturate(false);
        ticks(3_000);

        assertThat(watch.exhaustionEpisodes()).isZero();
        assertThat(registry.get("perfmon.pool.exhaustion").tag("pool", "orders").counter().count()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void saturationLastingTheThresholdOpensOneEpisodeNamingTheHolders() {
        borrowIn("GET /report", 0);
        borrowIn("GET /report", 0);
        saturate(true);
        tick(); // the run starts at this sample
        ticks(950);
        assertThat(watch.exhausted()).isFalse();
        ticks(TICK_MS);

        assertThat(watch.exhausted()).isTrue();
        PoolExhausted opened = single(PoolExhausted.class);
        assertThat(opened.trigger()).isEqualTo(ExhaustionTrigger.SATURATION);
        PoolSnapshot snapshot = opened.snapshot();
        assertThat(snapshot.holderCount()).isEqualTo(2);
        assertThat(snapshot.longestHolders()).extracting(h -> h.route()).containsExactly("GET /report", "GET /report");
        assertThat(snapshot.longestHolders().get(0).heldFor()).isEqualTo(Duration.ofMillis(1_000));
        assertThat(snapshot.longestHolders().get(0).acquisitionSite()).contains("PoolWatchTest.borrowIn");
        assertThat(snapshot.waiting()).isEqualTo(3);
        assertThat(registry.get("perfmon.pool.exhaustion").tag("pool", "orders").counter().count()).isEqualTo(1);
        assertThat(registry.get("perfmon.pool.exhausted").tag("pool", "orders").gauge().value()).isEqualTo(1);
    }

    @Test
    void oneUnsaturatedSampleDoesNotBreakTheRun() {
        saturate(true);
        tick();
        ticks(500);
        saturate(false);
        ticks(TICK_MS); // a waiter was just handed a connection
        saturate(true);
        ticks(450);
        assertThat(watch.exhausted()).isTrue();
    }

    @Test
    void twoUnsaturatedSamplesRestartTheRun() {
        saturate(true);
        tick();
        ticks(500);
        saturate(false);
        ticks(2 * TICK_MS);
        saturate(true);
        ticks(1_000); // the new run started at the first of these samples
        assertThat(watch.exhausted()).isFalse();
        ticks(TICK_MS);
        assertThat(watch.exhausted()).isTrue();
    }

    @Test
    void episodeClosesAfterTheQuietPeriodWithItsExactDuration() {
        saturate(true);
        tick();
        long runStart = clock.monotonicTime();
        ticks(1_500);
        long lastBusy = clock.monotonicTime();
        borrowIn("GET /posts", TimeUnit.MILLISECONDS.toNanos(700)); // a waiter got its connection
        saturate(false);
        ticks(1_950);
        assertThat(watch.exhausted()).isTrue();
        ticks(TICK_MS);

        assertThat(watch.exhausted()).isFalse();
        PoolExhaustionEnded ended = single(PoolExhaustionEnded.class);
        assertThat(ended.duration()).isEqualTo(Duration.ofNanos(lastBusy - runStart));
        assertThat(ended.waitingRoutes()).extracting(WaitingRoute::route).containsExactly("GET /posts");
        assertThat(ended.waitingRoutes().get(0).longestWait()).isEqualTo(Duration.ofMillis(700));
        assertThat(ended.peakWaiting()).isEqualTo(3);
        var timer = registry.get("perfmon.pool.exhaustion.duration").tag("pool", "orders").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isEqualTo((double) (lastBusy - runStart));
        assertThat(registry.get("perfmon.pool.exhausted").tag("pool", "orders").gauge().value()).isZero();
    }

    @Test
    void aTimeoutOpensAnEpisodeAtTheNextSampleAndIsCountedForTheWaitingRoute() {
        tick();
        try (RequestScope scope = perfMon.openScope("GET /posts")) {
            tracker.recordConnectionAcquiredNanos(TimeUnit.MILLISECONDS.toNanos(250));
            tracker.recordConnectionTimeout();
            assertThat(scope.segmentNanos(Segment.DB_POOL)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        }
        tick();

        PoolExhausted opened = single(PoolExhausted.class);
        assertThat(opened.trigger()).isEqualTo(ExhaustionTrigger.TIMEOUT);
        assertThat(opened.route()).isEqualTo("GET /posts");
        assertThat(opened.snapshot().holderCount()).as("a timed-out acquisition holds nothing").isZero();
        assertThat(opened.snapshot().waitingRoutes()).containsExactly(
                new WaitingRoute("GET /posts", 1, 1, Duration.ofMillis(250)));
        assertThat(registry.get("perfmon.pool.timeouts").tags("pool", "orders", "method", "GET", "uri", "/posts").counter().count())
                .isEqualTo(1);
    }

    @Test
    void anAcquisitionThatIsAboutToTimeOutIsNeverShownAsAHolder() {
        tick();
        try (RequestScope ignored = perfMon.openScope("GET /posts")) {
            tracker.recordConnectionAcquiredNanos(TimeUnit.SECONDS.toNanos(30)); // the pool's connectionTimeout
            assertThat(watch.snapshot().longestHolders()).isEmpty();
            tracker.recordConnectionTimeout();
        }
        assertThat(tracker.holders.count()).isZero();
    }

    @Test
    void aLongWaitOpensAnEpisodeOnlyWhenItOverlappedAFullPool() {
        tick();
        ticks(1_500);
        borrowIn("GET /slow-connect", TimeUnit.MILLISECONDS.toNanos(1_200)); // pool not full: creation was slow
        ticks(TICK_MS);
        assertThat(watch.exhausted()).isFalse();

        saturate(true);
        tick();
        saturate(false);
        ticks(TICK_MS);
        borrowIn("GET /posts", TimeUnit.MILLISECONDS.toNanos(1_100));
        tick();
        assertThat(watch.exhausted()).isTrue();
        assertThat(single(PoolExhausted.class).trigger()).isEqualTo(ExhaustionTrigger.LONG_WAIT);
    }

    @Test
    void shortWaitsOutsideAnyEpisodeAreForgotten() {
        tick();
        borrowIn("GET /warmup", TimeUnit.MILLISECONDS.toNanos(5));
        ticks(500);
        saturate(true);
        ticks(1_100);

        assertThat(single(PoolExhausted.class).snapshot().waitingRoutes()).isEmpty();
    }

    @Test
    void threadsStillWaitingWhenTheEpisodeOpensAreNamedPerRouteWithTheirCountAndLongestWaitSoFar() throws Exception {
        borrowIn("GET /report", 0);
        borrowIn("GET /report", 0);
        saturate(true);
        tick();
        List<Thread> waiting = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            waiting.add(waitIn("GET /posts", release)); // waiting since the run started
        }
        ticks(300);
        borrowIn("GET /posts", TimeUnit.MILLISECONDS.toNanos(250)); // one GET /posts wait already ended
        waiting.add(waitIn("GET /users", release)); // waiting since 300 ms into the run
        try {
            ticks(700);

            PoolExhausted opened = single(PoolExhausted.class);
            assertThat(opened.snapshot().waitingRoutes()).containsExactly(
                    new WaitingRoute("GET /posts", 1, 0, Duration.ofMillis(250), 3, Duration.ofMillis(1_000)),
                    new WaitingRoute("GET /users", 0, 0, Duration.ZERO, 1, Duration.ofMillis(700)));
            assertThat(opened.route()).isEqualTo("GET /posts");
            assertThat(opened.summary()).endsWith("; waiting: GET /posts (1 wait, longest 250 ms; 3 waiting now,"
                    + " longest 1 s so far), GET /users (1 waiting now, longest 700 ms so far)");
            assertThat(opened.waiters()).containsExactly(
                    new dev.perfmon.core.event.PoolSaturation.Waiter("GET /posts", 4, Duration.ofMillis(1_000)),
                    new dev.perfmon.core.event.PoolSaturation.Waiter("GET /users", 1, Duration.ofMillis(700)));
        } finally {
            release.countDown();
            for (Thread thread : waiting) {
                thread.join(10_000);
            }
        }
        assertThat(watch.snapshot().waitingRoutes()).as("waits that ended are no longer in progress")
                .extracting(WaitingRoute::route, WaitingRoute::waitingNow).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET /posts", 0));
    }

    @Test
    void aCallThatHasJustStartedIsNotYetAWait() throws Exception {
        tick();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread caller = waitIn("GET /posts", release);
        try {
            assertThat(watch.snapshot().waitingRoutes()).isEmpty();
            clock.add(Duration.ofMillis(1));
            assertThat(watch.snapshot().waitingRoutes()).extracting(WaitingRoute::route, WaitingRoute::waitingNow)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("GET /posts", 1));
        } finally {
            release.countDown();
            caller.join(10_000);
        }
    }

    @Test
    void aLongHoldIsReportedOnceWithItsRouteAndAcquisitionSite() {
        tick();
        borrowIn("job:export", 0);
        ticks(4_900);
        assertThat(events).isEmpty();
        ticks(300);
        ticks(10_000);

        LongConnectionHold hold = single(LongConnectionHold.class);
        assertThat(hold.route()).isEqualTo("job:export");
        assertThat(hold.holder().thread()).isEqualTo(Thread.currentThread().getName());
        assertThat(hold.holder().heldFor()).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5_300));
        assertThat(hold.holder().acquisitionSite()).contains("PoolWatchTest.borrowIn");
        assertThat(hold.threshold()).isEqualTo(Duration.ofSeconds(5));
        assertThat(registry.get("perfmon.pool.long.holds").tags("pool", "orders", "uri", "job:export").counter().count())
                .isEqualTo(1);

        tracker.recordConnectionUsageMillis(15_000);
        borrowIn("job:export", 0);
        ticks(5_300);
        assertThat(events.stream().filter(LongConnectionHold.class::isInstance).count())
                .as("the next borrow of the same thread is a new hold").isEqualTo(2);
    }

    @Test
    void aConnectionClosedOnAnotherThreadLeavesNoHolderBehind() throws Exception {
        tick();
        Thread borrower = new Thread(() -> borrowIn("GET /async", 0), "borrower");
        borrower.start();
        borrower.join();
        assertThat(tracker.holders.count()).isEqualTo(1);

        ticks(TICK_MS);
        tracker.recordConnectionUsageMillis(TICK_MS); // closed here, on another thread

        assertThat(tracker.holders.count()).isZero();
        assertThat(watch.snapshot().longestHolders()).isEmpty();
    }

    @Test
    void nestedConnectionsOnOneThreadAreTrackedAndReturnedInAnyOrder() {
        tick();
        borrowIn("GET /a", 0);
        ticks(1_000);
        borrowIn("GET /a", 0);
        ticks(200);
        assertThat(watch.snapshot().longestHolders()).extracting(h -> h.heldFor().toMillis()).containsExactly(1_200L, 200L);

        tracker.recordConnectionUsageMillis(1_200); // the first one closes first
        assertThat(watch.snapshot().longestHolders()).extracting(h -> h.heldFor().toMillis()).containsExactly(200L);
        tracker.recordConnectionUsageMillis(200);
        assertThat(tracker.holders.count()).isZero();
    }

    @Test
    void peaksKeepTheHighestSampleOfTheWindow() {
        probe.active = 2;
        probe.waiting = 7;
        tick();
        probe.active = 1;
        probe.waiting = 0;
        ticks(500);

        assertThat(registry.get("perfmon.pool.waiting.peak").tag("pool", "orders").gauge().value()).isEqualTo(7);
        assertThat(registry.get("perfmon.pool.active.peak").tag("pool", "orders").gauge().value()).isEqualTo(2);
    }

    @Test
    void closingThePoolRemovesItsMeters() {
        tick();
        tracker.close();

        assertThat(watch.isClosed()).isTrue();
        assertThat(registry.find("perfmon.pool.exhaustion").meters()).isEmpty();
        assertThat(registry.find("perfmon.pool.waiting.peak").meters()).isEmpty();
    }

    @Test
    void withoutListenersEpisodesAreStillCounted() {
        perfMon.close();
        perfMon = PerfMon.builder(registry).clock(clock)
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        PoolMonitorSettings settings = new PoolMonitorSettings(Duration.ofMillis(TICK_MS), Duration.ofSeconds(1),
                Duration.ofSeconds(2), null, false, 5);
        watch.close();
        watch = new PoolWatch(perfMon, settings, probe, MonitorMode.POLLING);
        saturate(true);
        tick();
        ticks(1_000);

        assertThat(watch.mode()).isEqualTo(MonitorMode.POLLING);
        assertThat(watch.exhaustionEpisodes()).isEqualTo(1);
        assertThat(watch.longHoldThreshold()).isEqualTo(Duration.ofSeconds(60));
        assertThat(watch.snapshot().longestHolders()).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------

    private void borrowIn(String route, long waitNanos) {
        try (RequestScope ignored = perfMon.openScope(route)) {
            tracker.recordConnectionAcquiredNanos(waitNanos);
        }
    }

    /**
     * Starts a thread that registers a {@code getConnection} in progress for {@code route} at the
     * clock's current time, as perfmon's DataSource decorator does, and ends it on {@code release}.
     *
     * @return the thread, once its call is registered
     */
    private Thread waitIn(String route, java.util.concurrent.CountDownLatch release) throws InterruptedException {
        long start = clock.monotonicTime();
        java.util.concurrent.CountDownLatch registered = new java.util.concurrent.CountDownLatch(1);
        Thread thread = new Thread(() -> {
            var pending = tracker.pending.begin(route, start);
            registered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pending.end();
            }
        }, "waiter " + route);
        thread.start();
        assertThat(registered.await(10, TimeUnit.SECONDS)).isTrue();
        return thread;
    }

    private void saturate(boolean saturated) {
        probe.active = saturated ? probe.max : 0;
        probe.waiting = saturated ? 3 : 0;
    }

    private void tick() {
        watch.tick(clock.monotonicTime());
    }

    /** Advances the clock sample by sample, {@code millis} in total, ticking after each step. */
    private void ticks(long millis) {
        for (long done = 0; done < millis; done += TICK_MS) {
            clock.add(Duration.ofMillis(TICK_MS));
            tick();
        }
    }

    private <E extends PerfMonEvent> E single(Class<E> type) {
        List<E> matching = events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
        assertThat(matching).as("events of type %s in %s", type.getSimpleName(), events).hasSize(1);
        return matching.get(0);
    }

    /** A pool whose counts the test sets. */
    private static final class FakeProbe implements PoolProbe {
        volatile int active;
        volatile int waiting;
        volatile int max;

        @Override
        public boolean read(PoolReadings into) {
            into.active = active;
            into.waiting = waiting;
            into.max = max;
            into.idle = max - active;
            into.total = max;
            return true;
        }

        @Override
        public String poolName() {
            return "orders";
        }

        @Override
        public long connectionTimeoutMillis() {
            return 30_000;
        }

        @Override
        public boolean closed() {
            return false;
        }

        @Override
        public long hikariTimeouts() {
            return -1;
        }
    }
}
