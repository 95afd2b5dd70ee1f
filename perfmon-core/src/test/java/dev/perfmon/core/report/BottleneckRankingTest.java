package dev.perfmon.core.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core's own candidates (latency, errors, CPU, heap and time in a segment no module explains)
 * are ranked with their numbers; the modules' diagnoses are tested in the modules.
 */
class BottleneckRankingTest {

    private final ReportFixture f = new ReportFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aQuietServiceHasNoBottlenecks() {
        f.healthyNeighbour();
        f.clock.add(Duration.ofSeconds(10));

        assertThat(f.reporter.report().bottlenecks()).isEmpty();
    }

    @Test
    void sustainedCpuAndErrorsAreRankedWhenNothingElseExplainsTheTime() {
        f.meters.requests(90, "GET", "/compute", 200, ms(600)).requests(10, "GET", "/compute", 500, ms(600)).cpu(0.95);
        f.clock.add(Duration.ofSeconds(10));

        PerfReport report = f.reporter.report();

        assertThat(report.bottlenecks()).extracting(Bottleneck::kind).containsExactly("cpu", "latency", "errors");
        assertThat(report.bottlenecks().get(0).reason()).isEqualTo("process CPU 95 % on average, 95 % at peak");
        assertThat(report.bottlenecks().get(1).reason())
                .isEqualTo("GET /compute: p99 600 ms > SLO 400 ms; 100 % of time outside the timed segments");
    }

    @Test
    void aSlowRouteSpendingItsTimeInASegmentNoDiagnosisExplainsIsAGenericCandidateNamedAfterIt() {
        f.healthyNeighbour();
        f.meters.requests(100, "GET", "/feed", 200, ms(600))
                .segment(100, "GET /feed", "redis", ms(300))
                .segment(100, "GET /feed", "db.query", ms(120));

        f.clock.add(Duration.ofSeconds(10));
        PerfReport report = f.reporter.report();

        // 30 s in Redis (50 %) and 12 s in SQL (20 %) over 60 s + 4 s of requests, each at the generic 0.8.
        assertThat(report.bottlenecks()).extracting(Bottleneck::kind).containsExactly("redis", "db.query");
        Bottleneck top = report.bottlenecks().get(0);
        assertThat(top.route()).isEqualTo("GET /feed");
        assertThat(top.reason()).isEqualTo("GET /feed: 50 % of time in redis");
        assertThat(top.score()).isEqualTo(Math.round(0.8 * 30 / 64 * 1000) / 1000.0);
    }
}
