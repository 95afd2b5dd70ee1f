package dev.perfmon.core;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.health.HealthChanged;
import dev.perfmon.core.health.HealthState;
import dev.perfmon.core.internal.RateLimitedLogListener;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedLogListenerTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final CapturingLogger log = new CapturingLogger();
    private final PerfMon quietPerfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final RateLimitedLogListener listener = listener(100);

    private RateLimitedLogListener listener(int budget) {
        return new RateLimitedLogListener(log, quietPerfMon.meters(RateLimitedLogListener.COMPONENT), clock,
                Duration.ofMinutes(1), budget);
    }

    private double suppressed(String reason) {
        return registry.get(RateLimitedLogListener.SUPPRESSED_METER).tag("reason", reason).counter().count();
    }

    @Test
    void writesOneLinePerRouteAndKindPerIntervalAndCountsWhatItSuppressed() {
        for (int i = 0; i < 50; i++) {
            listener.onEvent(finding("nplusone", "GET /posts", Severity.WARNING));
        }
        listener.onEvent(finding("nplusone", "GET /users", Severity.WARNING));
        listener.onEvent(finding("pool.exhaustion", "GET /posts", Severity.CRITICAL));
        assertThat(log.lines).hasSize(3);

        clock.add(61, TimeUnit.SECONDS);
        listener.onEvent(finding("nplusone", "GET /posts", Severity.WARNING));
        assertThat(log.lines).hasSize(4);
        assertThat(log.lines.get(3)).contains("(+49 more since last line)");
        assertThat(suppressed("interval")).isEqualTo(49.0);
        assertThat(suppressed("budget")).isZero();
    }

    @Test
    void oneHundredThousandDistinctRoutesWriteTheBudgetPerIntervalAndOneLineSummingUpTheRest() {
        for (int i = 0; i < 100_000; i++) {
            listener.onEvent(finding("slow.request", "job:" + i, Severity.WARNING));
            clock.add(1, TimeUnit.MILLISECONDS);
        }
        // 60,000 findings in the first minute, 40,000 in the second: 100 lines each, the rest left out.
        assertThat(log.lines).hasSize(100 + 1 + 100);
        assertThat(log.lines.subList(0, 100)).allMatch(line -> line.startsWith("perfmon slow.request: job:"));
        assertThat(log.lines.get(100)).isEqualTo("perfmon findings: 59900 findings were not logged, over the budget"
                + " of 100 lines per PT1M (counted in perfmon.findings.suppressed{reason=budget})");
        assertThat(log.lines.get(101)).isEqualTo("perfmon slow.request: job:60000 did slow.request");
        assertThat(suppressed("budget")).isEqualTo(99_800.0);
        assertThat(listener.trackedKeys()).isEqualTo(200);

        clock.add(1, TimeUnit.MINUTES);
        listener.onEvent(finding("slow.request", "job:late", Severity.WARNING));
        assertThat(log.lines).hasSize(203);
        assertThat(log.lines.get(201)).startsWith("perfmon findings: 39900 findings were not logged");
        assertThat(log.lines.get(202)).isEqualTo("perfmon slow.request: job:late did slow.request");
    }

    @Test
    void aFullKeyMapEvictsIdleKeysAndKeepsTheOnesStillRateLimiting() {
        RateLimitedLogListener limited = listener(300); // tracks at most 4 x 300 = 1,200 keys
        for (int interval = 0; interval < 5; interval++) {
            int first = 0;
            if (interval >= 3) {
                limited.onEvent(finding("nplusone", "GET /hot", Severity.WARNING));
                first = 1;
            }
            for (int i = first; i < 300; i++) {
                limited.onEvent(finding("nplusone", "/r" + interval + "/" + i, Severity.WARNING));
                assertThat(limited.trackedKeys()).isLessThanOrEqualTo(1_200);
            }
            if (interval < 4) {
                clock.add(1, TimeUnit.MINUTES);
            }
        }
        // The map filled up during the last interval: the idle keys went, GET /hot (logged this interval) stayed.
        assertThat(limited.trackedKeys()).isEqualTo(300);
        limited.onEvent(finding("nplusone", "GET /hot", Severity.WARNING));
        assertThat(log.lines).hasSize(5 * 300);
        assertThat(suppressed("interval")).isEqualTo(1.0);
        assertThat(suppressed("budget")).isZero();
    }

    @Test
    void concurrentFindingsNeverExceedTheBudgetAndEveryFindingIsEitherLoggedOrCounted() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    String route = i % 2 == 0 ? "GET /hot" : "GET /t" + thread + "/" + i;
                    listener.onEvent(finding("nplusone", route, Severity.WARNING));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(log.lines).hasSize(100);
        assertThat(log.lines).filteredOn(line -> line.contains("GET /hot")).hasSize(1);
        assertThat(100 + suppressed("interval") + suppressed("budget")).isEqualTo(threads * perThread);

        clock.add(1, TimeUnit.MINUTES);
        listener.onEvent(finding("nplusone", "GET /next", Severity.WARNING));
        assertThat(log.lines.get(100)).startsWith("perfmon findings: " + (long) suppressed("budget") + " findings were not logged");
    }

    @Test
    void findingsOfOneRouteAndKindWithDistinctLogKeysEachGetTheirLine() {
        for (int request = 0; request < 10; request++) {
            listener.onEvent(finding("nplusone", "GET /owners", "main select ... from pets where owner_id=?"));
            listener.onEvent(finding("nplusone", "GET /owners", "main select ... from visits where pet_id=?"));
        }
        assertThat(log.lines).containsExactly("perfmon nplusone: GET /owners did main select ... from pets where owner_id=?",
                "perfmon nplusone: GET /owners did main select ... from visits where pet_id=?");
        assertThat(suppressed("interval")).isEqualTo(18.0);
    }

    @Test
    void healthChangesOfTwoRulesAreTwoLines() {
        listener.onEvent(new HealthChanged("cpu", "all", HealthState.OK, HealthState.WARNING, 0.8, 0.7,
                Instant.EPOCH, "cpu 80 % over 70 %"));
        listener.onEvent(new HealthChanged("heap", "all", HealthState.OK, HealthState.WARNING, 0.9, 0.85,
                Instant.EPOCH, "heap 90 % over 85 %"));
        assertThat(log.lines).containsExactly("perfmon health: cpu 80 % over 70 %", "perfmon health: heap 90 % over 85 %");
    }

    @Test
    void mapsSeverityToLogLevel() {
        listener.onEvent(finding("a", "r", Severity.INFO));
        listener.onEvent(finding("b", "r", Severity.WARNING));
        listener.onEvent(finding("c", "r", Severity.CRITICAL));
        assertThat(log.levels).containsExactly(System.Logger.Level.INFO, System.Logger.Level.WARNING,
                System.Logger.Level.ERROR);
    }

    private PerfMonEvent finding(String kind, String route, String logKey) {
        return new PerfMonEvent() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public String route() {
                return route;
            }

            @Override
            public Severity severity() {
                return Severity.WARNING;
            }

            @Override
            public Instant timestamp() {
                return Instant.EPOCH;
            }

            @Override
            public String summary() {
                return route + " did " + logKey;
            }

            @Override
            public String logKey() {
                return logKey;
            }
        };
    }

    private PerfMonEvent finding(String kind, String route, Severity severity) {
        return new PerfMonEvent() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public String route() {
                return route;
            }

            @Override
            public Severity severity() {
                return severity;
            }

            @Override
            public Instant timestamp() {
                return Instant.EPOCH;
            }

            @Override
            public String summary() {
                return route + " did " + kind;
            }
        };
    }

    /** Records what would be logged. */
    private static final class CapturingLogger implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<Level> levels = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
            levels.add(level);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
            levels.add(level);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            log(level, null, msgSupplier.get(), (Throwable) null);
        }

        @Override
        public void log(Level level, String msg) {
            log(level, null, msg, (Throwable) null);
        }
    }
}
