package dev.perfmon.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.ExportedMetrics;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.core.health.HealthRule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A real HikariCP pool under the pool monitor: its rules join the PerfMon's, and every metric they query is in a real scrape. */
class PoolRulesScrapeTest {

    @Test
    void everyMetricThePoolRulesQueryAppearsInAScrapeOfAMonitoredPool() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build())
                .build()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:h2:mem:pool-rules-scrape");
            config.setPoolName("main");
            config.setMaximumPoolSize(2);
            try (HikariDataSource pool = PerfMonPoolMonitor.builder(perfMon).build().createDataSource(config);
                 Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
                String scrape = registry.scrape();
                Set<String> queried = ExportedMetrics.queried(PoolHealthRules.defaults(perfMon.config()));

                assertThat(queried).containsExactlyInAnyOrder("hikaricp_connections_pending",
                        "hikaricp_connections_active", "hikaricp_connections_max", "hikaricp_connections_timeout_total");
                for (String metric : queried) {
                    assertThat(scrape).as(metric + " in the scrape").containsPattern("(?m)^" + metric + "\\{.*pool=\"main\"");
                }
                assertThat(HealthMonitor.builder(perfMon).build().rules()).extracting(HealthRule::name)
                        .contains("hikaricp.pool.waiting", "hikaricp.pool.timeouts");
            }
        }
    }
}
