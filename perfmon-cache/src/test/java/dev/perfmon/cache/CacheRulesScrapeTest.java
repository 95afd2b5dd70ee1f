package dev.perfmon.cache;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.ExportedMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every metric the hit-ratio rule queries is what a cache recorder's meters become in a real scrape. */
class CacheRulesScrapeTest {

    @Test
    void everyMetricTheHitRatioRuleQueriesAppearsInAScrapeOfARecordedCache() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build())
                .build()) {
            CacheRecorder posts = CacheRecorder.of(perfMon, "posts");
            posts.hit(null);
            posts.miss(null);
            String scrape = registry.scrape();
            Set<String> queried = ExportedMetrics.queried(List.of(CacheHealthRules.hitRatio(perfMon.config())));

            assertThat(queried).containsExactly("cache_gets_total");
            assertThat(scrape).contains("cache_gets_total{cache=\"posts\",result=\"hit\"} 1.0",
                    "cache_gets_total{cache=\"posts\",result=\"miss\"} 1.0");
        }
    }
}
