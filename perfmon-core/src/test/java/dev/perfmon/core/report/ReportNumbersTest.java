package dev.perfmon.core.report;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.health.ContractMeters;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The report's numbers, cross-checked against the raw meters of a SimpleMeterRegistry. */
class ReportNumbersTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final ContractMeters meters = new ContractMeters(registry);

    @AfterEach
    void close() {
        perfMon.close();
    }

    /** 90 requests at 40 ms, 9 at 150 ms, 1 at 900 ms: quantiles worked out by hand from the SLO buckets. */
    private void knownDistribution() {
        meters.requests(90, "GET", "/posts", 200, ms(40))
                .requests(9, "GET", "/posts", 200, ms(150))
                .requests(1, "GET", "/posts", 500, ms(900));
    }

    @Test
    void theMinimumBoundIsNeverAboveTheAverage() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        // All in the (10 ms, 25 ms] bucket: its upper bound says min <= 25, the average says <= 12.
        meters.requests(10, "GET", "/fast", 200, ms(12));
        clock.add(Duration.ofSeconds(10));

        LatencySummary latency = reporter.report().routes().get(0).latency();
        assertThat(latency.avgMs()).isCloseTo(12, within(1e-9));
        assertThat(latency.minAtMostMs()).isCloseTo(12, within(1e-9));
    }

    @Test
    void sinceStartTotalsAndLatencyMatchTheRawTimerAndPrometheusInterpolation() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        knownDistribution();
        meters.requests(10, "POST", "/posts", 404, ms(8));
        clock.add(Duration.ofSeconds(10));

        PerfReport report = reporter.report();

        RouteSummary get = report.routes().get(0);
        assertThat(get.route()).isEqualTo("GET /posts");
        Timer ok = registry.get("http.server.requests").tag("uri", "/posts").tag("method", "GET").tag("status", "200")
                .timer();
        Timer failed = registry.get("http.server.requests").tag("method", "GET").tag("status", "500").timer();
        assertThat(get.requests()).isEqualTo(ok.count() + failed.count()).isEqualTo(100);
        assertThat(get.failures()).isEqualTo(1);
        assertThat(get.serverErrors()).isEqualTo(1);
        assertThat(get.errorRate()).isEqualTo(0.01);
        assertThat(get.successRatio()).isEqualTo(0.99);
        double rawAvgMs = (ok.totalTime(TimeUnit.MILLISECONDS) + failed.totalTime(TimeUnit.MILLISECONDS)) / 100;
        assertThat(get.latency().avgMs()).isCloseTo(rawAvgMs, within(1e-9)).isCloseTo(58.5, within(1e-9));
        // p50: rank 50 in (25 ms, 50 ms] holding 90 -> 25 + 25 * 50/90
        assertThat(get.latency().medianMs()).isCloseTo(25 + 25 * 50 / 90.0, within(1e-9));
        // p90: rank 90 is exactly the 50 ms bucket's count
        assertThat(get.latency().p90Ms()).isCloseTo(50, within(1e-9));
        // p95: rank 95 in (100 ms, 200 ms] holding 9, 5 past its start -> 100 + 100 * 5/9
        assertThat(get.latency().p95Ms()).isCloseTo(100 + 100 * 5 / 9.0, within(1e-9));
        // p99: rank 99 is the 200 ms bucket's count
        assertThat(get.latency().p99Ms()).isCloseTo(200, within(1e-9));
        assertThat(get.latency().maxMs()).isEqualTo(failed.max(TimeUnit.MILLISECONDS)).isEqualTo(900);
        assertThat(get.latency().minAtMostMs()).isEqualTo(50);
        assertThat(get.latency().estimated()).isFalse();

        assertThat(report.totals().requests()).isEqualTo(110);
        assertThat(report.totals().failures()).isEqualTo(11);
        assertThat(report.totals().ratePerSecond()).isCloseTo(11.0, within(1e-9));
        assertThat(report.totals().latency().minAtMostMs()).isEqualTo(10);
        assertThat(report.sinceStart()).isTrue();
        assertThat(report.window()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aWindowReportCountsOnlyTheTrafficAfterItsBaseline() {
        // Minutes pass between samples here: only cumulative buckets (as Prometheus keeps them) survive that.
        ContractMeters meters = new ContractMeters(registry, Duration.ofDays(365));
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        meters.requests(500, "GET", "/posts", 200, ms(900));
        clock.add(Duration.ofMinutes(4));
        reporter.sample();
        meters.requests(90, "GET", "/posts", 200, ms(40))
                .requests(9, "GET", "/posts", 200, ms(150))
                .requests(1, "GET", "/posts", 500, ms(900));
        clock.add(Duration.ofMinutes(1));

        PerfReport window = reporter.report(Duration.ofMinutes(1));
        PerfReport all = reporter.report();

        assertThat(window.sinceStart()).isFalse();
        assertThat(window.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(window.totals().requests()).isEqualTo(100);
        assertThat(window.totals().ratePerSecond()).isCloseTo(100 / 60.0, within(1e-9));
        assertThat(window.totals().latency().p99Ms()).isCloseTo(200, within(1e-9));
        assertThat(window.totals().latency().avgMs()).isCloseTo(58.5, within(1e-9));
        assertThat(all.totals().requests()).isEqualTo(600);
    }

    @Test
    void aWindowLongerThanTheHistoryCoversWhatWasSampledAndSaysSo() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        clock.add(Duration.ofSeconds(30));
        knownDistribution();

        PerfReport report = reporter.report(Duration.ofHours(1));

        assertThat(report.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(report.totals().requests()).isEqualTo(100);
    }

    @Test
    void decayingHistogramsAreReconstructedAcrossRotationsAndFlaggedAsEstimated() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        // Micrometer's default: buckets over a 2-minute window rotating every 40 s.
        for (int minute = 0; minute < 6; minute++) {
            knownDistribution();
            clock.add(Duration.ofSeconds(20));
            reporter.sample();
            clock.add(Duration.ofSeconds(40));
            reporter.sample();
        }

        PerfReport report = reporter.report();

        assertThat(report.totals().requests()).isEqualTo(600);
        assertThat(report.totals().latency().estimated()).isTrue();
        assertThat(report.notes()).anyMatch(n -> n.contains("estimated"));
        // The shape never changes, so the reconstruction lands on the exact quantiles.
        assertThat(report.totals().latency().p99Ms()).isCloseTo(200, within(1.0));
        assertThat(report.totals().latency().medianMs()).isCloseTo(25 + 25 * 50 / 90.0, within(0.5));
    }

    @Test
    void cumulativeBucketsAsPrometheusKeepsThemAreNeverEstimated() {
        ContractMeters cumulative = new ContractMeters(registry, Duration.ofDays(365));
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        for (int minute = 0; minute < 6; minute++) {
            cumulative.requests(90, "GET", "/a", 200, ms(40)).requests(10, "GET", "/a", 200, ms(450));
            clock.add(Duration.ofMinutes(1));
            reporter.sample();
        }

        PerfReport report = reporter.report(Duration.ofMinutes(2));

        assertThat(report.totals().requests()).isEqualTo(200);
        assertThat(report.totals().latency().estimated()).isFalse();
        // rank 198 of 200 in (400 ms, 500 ms] holding 20, 18 past its start: 490 ms interpolated,
        // p95 at 450 ms; but nothing took longer than 450 ms, so the report caps p99 at the max.
        assertThat(report.totals().latency().p95Ms()).isCloseTo(400 + 100 * 10 / 20.0, within(1e-9));
        assertThat(report.totals().latency().maxMs()).isEqualTo(450);
        assertThat(report.totals().latency().p99Ms()).isEqualTo(450);
    }

    @Test
    void breakdownSharesAreSegmentTimeOverTheRoutesRequestTime() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        meters.requests(10, "GET", "/posts", 200, ms(100))
                .segment(10, "GET /posts", "db.pool", ms(61))
                .segment(10, "GET /posts", "db.query", ms(20))
                .segment(10, "GET /posts", "redis", ms(5))
                .segment(10, "GET /posts", "kafka.send", ms(4))
                .statements(10, "GET /posts", 3);
        clock.add(Duration.ofSeconds(5));

        PerfReport report = reporter.report();

        RouteBreakdown b = report.breakdown().get(0);
        assertThat(b.route()).isEqualTo("GET /posts");
        assertThat(b.requests()).isEqualTo(10);
        assertThat(b.requestSeconds()).isCloseTo(1.0, within(1e-9));
        assertThat(b.poolWaitPercent()).isCloseTo(61, within(1e-9));
        assertThat(b.sqlPercent()).isCloseTo(20, within(1e-9));
        assertThat(b.redisPercent()).isCloseTo(5, within(1e-9));
        assertThat(b.segmentPercent().get("kafka.send")).isCloseTo(4, within(1e-9));
        assertThat(b.otherPercent()).isCloseTo(10, within(1e-9));
        assertThat(b.segmentPercent().keySet()).containsExactly("db.pool", "db.query", "redis", "kafka.send", "other");
        assertThat(b.statementsPerRequest()).isEqualTo(3);
        assertThat(b.statementsMax()).isEqualTo(3);
    }

    @Test
    void statementsPerRequestCountRequestsServedWithoutSql() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        for (int request = 0; request < 5; request++) {
            try (RequestScope scope = perfMon.openScope("GET /owners")) {
                if (request == 0) {
                    scope.add(ScopeCounter.STATEMENTS, 3); // the cache miss; four hits ran no SQL
                }
            }
        }
        clock.add(Duration.ofSeconds(5));

        RouteBreakdown b = reporter.report().breakdown().get(0);

        assertThat(b.route()).isEqualTo("GET /owners");
        assertThat(b.statementsPerRequest()).isCloseTo(0.6, within(1e-9));
        assertThat(b.statementsMax()).isEqualTo(3);
    }

    @Test
    void eachMethodOfAUriIsItsOwnBreakdownRowAndABareScopeNameJoinsNone() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        meters.requests(4, "GET", "/items", 200, ms(50)).requests(4, "PUT", "/items", 200, ms(200))
                .segment(4, "GET /items", "db.query", ms(10)).segment(4, "PUT /items", "db.query", ms(100))
                .segment(3, "/items", "db.query", ms(5));
        clock.add(Duration.ofSeconds(5));

        List<RouteBreakdown> rows = reporter.report().breakdown();

        assertThat(rows).extracting(RouteBreakdown::route).containsExactlyInAnyOrder("GET /items", "PUT /items", "/items");
        RouteBreakdown get = rows.stream().filter(r -> r.route().equals("GET /items")).findFirst().orElseThrow();
        RouteBreakdown put = rows.stream().filter(r -> r.route().equals("PUT /items")).findFirst().orElseThrow();
        RouteBreakdown bare = rows.stream().filter(r -> r.route().equals("/items")).findFirst().orElseThrow();
        assertThat(get.requests()).isEqualTo(4);
        assertThat(get.sqlPercent()).isCloseTo(20, within(1e-9));
        assertThat(put.requests()).isEqualTo(4);
        assertThat(put.sqlPercent()).isCloseTo(50, within(1e-9));
        assertThat(bare.requests()).isZero();
    }

    @Test
    void sloChecksCompareTheWindowWithTheConfiguredObjectives() {
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        meters.requests(95, "GET", "/a", 200, ms(40)).requests(5, "GET", "/a", 503, ms(600));
        clock.add(Duration.ofSeconds(5));

        PerfReport report = reporter.report();

        assertThat(report.slos()).anySatisfy(s -> {
            assertThat(s.objective()).isEqualTo("p99 latency");
            assertThat(s.route()).isEqualTo("all");
            assertThat(s.met()).isFalse();
            assertThat(s.target()).isEqualTo(0.4);
        });
        assertThat(report.slos()).anySatisfy(s -> {
            assertThat(s.objective()).isEqualTo("success ratio");
            assertThat(s.actual()).isEqualTo(0.95);
            assertThat(s.met()).isFalse();
        });
        assertThat(report.slos()).anySatisfy(s -> {
            assertThat(s.objective()).isEqualTo("error rate");
            assertThat(s.actual()).isEqualTo(0.05);
            assertThat(s.met()).isTrue();
        });
    }
}
