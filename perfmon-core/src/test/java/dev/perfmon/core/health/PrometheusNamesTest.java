package dev.perfmon.core.health;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.PerfReporter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The export names what Micrometer's Prometheus registry really exposes, and its buckets are exact in process. */
class PrometheusNamesTest {

    @Test
    void everyMetricTheExportedRulesQueryAppearsInARealScrape() {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), clock);
        new ContractMeters(registry).requests(3, "GET", "/a", 200, ms(20)).requests(1, "GET", "/a", 500, ms(20));
        new ProcessorMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        String scrape = registry.scrape();

        Set<String> queried = ExportedMetrics.queried(HealthRules.defaults(PerfMonConfig.defaults()));

        assertThat(queried).containsExactlyInAnyOrder("http_server_requests_seconds_bucket",
                "http_server_requests_seconds_count", "http_server_requests_seconds_max", "process_cpu_usage",
                "jvm_memory_used_bytes", "jvm_memory_max_bytes");
        for (String metric : queried) {
            assertThat(scrape).as(metric + " in the scrape").containsPattern("(?m)^" + metric + "[{ ]");
        }
        assertThat(scrape).contains("le=\"0.4\"");
        registry.close();
    }

    @Test
    void onAPrometheusRegistryTheReportsQuantilesAreExactAcrossHistogramRotations() {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), clock);
        try (PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build())
                .build()) {
            PerfReporter reporter = PerfReporter.builder(perfMon).build();
            ContractMeters meters = new ContractMeters(registry);
            for (int minute = 0; minute < 6; minute++) {
                meters.requests(90, "GET", "/a", 200, ms(40)).requests(10, "GET", "/a", 200, ms(450));
                clock.add(Duration.ofMinutes(1));
                reporter.sample();
            }

            PerfReport window = reporter.report(Duration.ofMinutes(2));
            PerfReport all = reporter.report();

            assertThat(window.totals().requests()).isEqualTo(200);
            assertThat(window.totals().latency().estimated()).isFalse();
            assertThat(all.totals().latency().estimated()).isFalse();
            assertThat(all.totals().requests()).isEqualTo(600);
            // The percentile histogram adds Micrometer's own buckets around 450 ms: compare with the scrape's
            // buckets through the same interpolation rather than with the SLO-only figure.
            assertThat(window.totals().latency().p99Ms()).isCloseTo(all.totals().latency().p99Ms(), within(1e-9));
            assertThat(window.totals().latency().p99Ms()).isBetween(400.0, 500.0);
            registry.close();
        }
    }
}
