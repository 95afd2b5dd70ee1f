package dev.perfmon.core.report;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.event.SlowRequest;
import dev.perfmon.core.health.ContractMeters;
import dev.perfmon.core.health.HealthState;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The reporter's lifecycle, its finding store and its reading of what core itself publishes. */
class PerfReporterTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final PerfMon perfMon = PerfMon.builder(registry).clock(clock)
            .config(PerfMonConfig.builder().logFindings(false).slowRequestThreshold(Duration.ofMillis(500)).build())
            .build();

    @AfterEach
    void close() {
        perfMon.close();
    }

    @Test
    void theBreakdownOfRealScopesIsReadFromWhatCorePublishes() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        ContractMeters meters = new ContractMeters(registry);
        for (int i = 0; i < 4; i++) {
            try (RequestScope scope = perfMon.openScope("GET /posts")) {
                scope.recordSegment(Segment.DB_POOL, TimeUnit.MILLISECONDS.toNanos(30));
                scope.recordSegment(Segment.DB_QUERY, TimeUnit.MILLISECONDS.toNanos(20));
                scope.add(ScopeCounter.STATEMENTS, 5);
                clock.add(100, TimeUnit.MILLISECONDS);
            }
            meters.requests(1, "GET", "/posts", 200, ms(100));
        }

        RouteBreakdown b = reporter.report().breakdown().get(0);

        assertThat(b.route()).isEqualTo("GET /posts");
        assertThat(b.poolWaitPercent()).isCloseTo(30, within(1e-9));
        assertThat(b.sqlPercent()).isCloseTo(20, within(1e-9));
        assertThat(b.otherPercent()).isCloseTo(50, within(1e-9));
        assertThat(b.statementsPerRequest()).isEqualTo(5);
    }

    @Test
    void theHistoryCutsTheSamplesAlreadyTakenIntoConsecutiveReportsAndAPauseIntoALongerOne() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        ContractMeters meters = new ContractMeters(registry);
        for (int step = 1; step <= 4; step++) {
            meters.requests(step, "GET", "/posts", 200, ms(20));
            clock.add(5, TimeUnit.SECONDS);
            reporter.sample();
        }
        clock.add(60, TimeUnit.SECONDS); // sampling paused a minute
        meters.requests(7, "GET", "/posts", 200, ms(20));
        reporter.sample();

        java.util.List<PerfReport> history = reporter.history(Duration.ofSeconds(5), Duration.ofMinutes(10));

        assertThat(history).extracting(r -> r.totals().requests()).containsExactly(1L, 2L, 3L, 4L, 7L);
        assertThat(history).extracting(PerfReport::window)
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                        Duration.ofSeconds(60));
        assertThat(reporter.history(Duration.ofSeconds(5), Duration.ofSeconds(30))).extracting(PerfReport::window)
                .containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void everyPublishedEventIsAFindingAndWindowsKeepOnlyTheirOwn() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        try (RequestScope ignored = perfMon.openScope("GET /slow")) {
            clock.add(800, TimeUnit.MILLISECONDS);
        }
        perfMon.publish(new TestFinding("nplusone", "GET /posts", Severity.WARNING, perfMon.now(), "first"));
        clock.add(Duration.ofMinutes(2));
        reporter.sample();
        perfMon.publish(new TestFinding("nplusone", "GET /posts", Severity.INFO, perfMon.now(), "second"));
        clock.add(Duration.ofSeconds(30));

        PerfReport all = reporter.report();
        PerfReport recent = reporter.report(Duration.ofSeconds(30));

        assertThat(all.findings()).extracting(Finding::kind).containsExactly("nplusone", "slow.request");
        Finding nPlusOne = all.findings().get(0);
        assertThat(nPlusOne.count()).isEqualTo(2);
        assertThat(nPlusOne.severity()).isEqualTo(Severity.WARNING);
        assertThat(nPlusOne.summary()).isEqualTo("second");
        assertThat(all.findings().get(1).summary()).isEqualTo(
                new SlowRequest("GET /slow", Duration.ofMillis(800), Duration.ofMillis(500), perfMon.now()).summary());
        assertThat(recent.findings()).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
        });
    }

    @Test
    void theBoundedStoreSaysWhenAWindowLostEvents() {
        PerfReporter reporter = PerfReporter.builder(perfMon).maxFindings(10).build();
        for (int i = 0; i < 25; i++) {
            perfMon.publish(new TestFinding("cache.stampede", "none", Severity.WARNING, perfMon.now(), "s" + i));
        }
        clock.add(Duration.ofSeconds(10));

        PerfReport window = reporter.report(Duration.ofMinutes(1));
        PerfReport all = reporter.report();

        assertThat(window.findings().get(0).count()).isEqualTo(10);
        assertThat(window.findingsDropped()).isEqualTo(15);
        assertThat(window.notes()).anyMatch(n -> n.contains("15 older events"));
        assertThat(all.findings().get(0).count()).isEqualTo(25);
        assertThat(all.findingsDropped()).isZero();
    }

    @Test
    void withoutAMonitorTheBuiltInRulesJudgeTheReportsWindow() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        new ContractMeters(registry).requests(80, "GET", "/a", 200, ms(20)).requests(20, "GET", "/a", 500, ms(20));
        clock.add(Duration.ofSeconds(10));

        PerfReport report = reporter.report();

        assertThat(report.healthFromMonitor()).isFalse();
        assertThat(report.health()).filteredOn(s -> s.rule().equals("http.error.rate")).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(HealthState.CRITICAL));
        assertThat(report.health().get(0).state()).isEqualTo(HealthState.CRITICAL);
    }

    @Test
    void closingThePerfMonStopsTheReporterAndItsListener() throws InterruptedException {
        PerfReporter reporter = PerfReporter.builder(perfMon).sampleInterval(Duration.ofMillis(10)).start();
        assertThat(perfMon.hasListeners()).isTrue();
        perfMon.close();
        assertThat(perfMon.hasListeners()).isFalse();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reportThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(reportThreadAlive()).isFalse();
        assertThat(reporter.report().totals().requests()).isZero();
    }

    @Test
    void eventsPublishedFromManyThreadsWhileReportsAreTakenAreAllCounted() throws Exception {
        PerfReporter reporter = PerfReporter.builder(perfMon).maxFindings(100).build();
        int threads = 4;
        int perThread = 5000;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String route = "GET /r" + t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    perfMon.publish(new TestFinding("nplusone", route, Severity.WARNING, perfMon.now(), "n" + i));
                }
                return null;
            }));
        }
        start.countDown();
        while (done.stream().anyMatch(f -> !f.isDone())) {
            assertThat(reporter.report().findings().size()).isLessThanOrEqualTo(threads);
            reporter.report(Duration.ofMinutes(1)).toJson();
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        PerfReport report = reporter.report();
        assertThat(report.findings()).hasSize(threads)
                .allSatisfy(f -> assertThat(f.count()).isEqualTo(perThread));
        assertThat(reporter.report(Duration.ofMinutes(1)).findings().stream().mapToLong(Finding::count).sum())
                .isEqualTo(100);
    }

    @Test
    void invalidSettingsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> PerfReporter.builder(perfMon).sampleInterval(Duration.ZERO))
                .hasMessage("sampleInterval must be positive, was PT0S");
        assertThatThrownBy(() -> PerfReporter.builder(perfMon).maxFindings(0))
                .hasMessage("maxFindings must be at least 1, was 0");
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        assertThatThrownBy(() -> reporter.report(Duration.ofSeconds(-1)))
                .hasMessage("window must be positive, was PT-1S");
    }

    private boolean reportThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("perfmon-report-" + perfMon.id()) && t.isAlive());
    }
}
