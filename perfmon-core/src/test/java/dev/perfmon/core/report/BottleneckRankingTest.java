package dev.perfmon.core.report;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.ContractMeters;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final ContractMeters meters = new ContractMeters(registry);
    private final PerfReporter reporter = PerfReporter.builder(perfMon).build();

    @AfterEach
    void close() {
        perfMon.close();
    }

    /** A background route that is fine, so rankings have something to beat. */
    private void healthyNeighbour() {
        meters.requests(200, "GET", "/users/{id}", 200, ms(20))
                .segment(200, "GET /users/{id}", "db.query", ms(8))
                .statements(200, "GET /users/{id}", 1)
                .cacheGets("users", 950, 50);
    }

    @Test
    void aQuietServiceHasNoBottlenecks() {
        healthyNeighbour();
        clock.add(Duration.ofSeconds(10));

        assertThat(reporter.report().bottlenecks()).isEmpty();
    }

    @Test
    void sustainedCpuAndErrorsAreRankedWhenNothingElseExplainsTheTime() {
        meters.requests(90, "GET", "/compute", 200, ms(600)).requests(10, "GET", "/compute", 500, ms(600)).cpu(0.95);
        clock.add(Duration.ofSeconds(10));

        PerfReport report = reporter.report();

        assertThat(report.bottlenecks()).extracting(Bottleneck::kind).containsExactly("cpu", "latency", "errors");
        assertThat(report.bottlenecks().get(0).reason()).isEqualTo("process CPU 95 % on average, 95 % at peak");
        assertThat(report.bottlenecks().get(1).reason())
                .isEqualTo("GET /compute: p99 600 ms > SLO 400 ms; 100 % of time outside the timed segments");
    }

    @Test
    void aSlowRouteSpendingItsTimeInASegmentNoDiagnosisExplainsIsAGenericCandidateNamedAfterIt() {
        healthyNeighbour();
        meters.requests(100, "GET", "/feed", 200, ms(600))
                .segment(100, "GET /feed", "redis", ms(300))
                .segment(100, "GET /feed", "db.query", ms(120));

        clock.add(Duration.ofSeconds(10));
        PerfReport report = reporter.report();

        // 30 s in Redis (50 %) and 12 s in SQL (20 %) over 60 s + 4 s of requests, each at the generic 0.8.
        assertThat(report.bottlenecks()).extracting(Bottleneck::kind).containsExactly("redis", "db.query");
        Bottleneck top = report.bottlenecks().get(0);
        assertThat(top.route()).isEqualTo("GET /feed");
        assertThat(top.reason()).isEqualTo("GET /feed: 50 % of time in redis");
        assertThat(top.score()).isEqualTo(Math.round(0.8 * 30 / 64 * 1000) / 1000.0);
    }
}
