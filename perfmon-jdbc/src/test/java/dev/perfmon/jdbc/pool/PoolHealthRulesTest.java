package dev.perfmon.jdbc.pool;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.core.health.HealthRule;
import dev.perfmon.core.health.HealthState;
import dev.perfmon.core.health.MonitorFixture;
import dev.perfmon.core.health.PrometheusRules;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.testsupport.Promtool;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pools' health rules: what they judge on HikariCP's meters, their thresholds from the
 * configuration, and that attaching this module to a PerfMon is what brings them to its monitor
 * and its Prometheus export.
 */
class PoolHealthRulesTest {

    @RegisterExtension
    final MonitorFixture f = new MonitorFixture();
    private final PerfMonConfig config = f.config;

    @Test
    void thresholdsComeFromTheConfiguration() {
        PerfMonConfig tuned = PerfMonConfig.builder().poolWaiting(2, 5).build();
        assertThat(PoolHealthRules.waiting(tuned).warning()).isEqualTo(2);
        assertThat(PoolHealthRules.waiting(tuned).critical()).isEqualTo(5);
        assertThat(PoolHealthRules.defaults(tuned)).extracting(HealthRule::name)
                .containsExactly("hikaricp.pool.waiting", "hikaricp.pool.timeouts");
    }

    @Test
    void waitingThreadsCountOnlyWhileThePoolIsFull() {
        HealthMonitor monitor = f.monitor(PoolHealthRules.waiting(config).toBuilder().forDuration(Duration.ZERO).build());
        assertThat(f.step(monitor, "hikaricp.pool.waiting", () -> f.meters.pool("main", 10, 20, 5)))
                .isEqualTo(HealthState.OK);
        // The 1-minute window still remembers 10/20 busy: only once 20/20 is seen does waiting count.
        assertThat(f.step(monitor, "hikaricp.pool.waiting", () -> f.meters.pool("main", 20, 20, 5)))
                .isEqualTo(HealthState.WARNING);
        assertThat(f.step(monitor, "hikaricp.pool.waiting", () -> f.meters.pool("main", 20, 20, 37)))
                .isEqualTo(HealthState.CRITICAL);
        assertThat(monitor.statuses().get(0).summary())
                .isEqualTo("main: threads waiting for a connection of a full pool 37 > 10 (critical)");
    }

    @Test
    void aConnectionTimeoutIsCriticalAtOnceAndClearsWhenItLeavesTheWindow() {
        HealthMonitor monitor = f.monitor(PoolHealthRules.timeouts().toBuilder().window(Duration.ofSeconds(30)).build());
        assertThat(f.step(monitor, "hikaricp.pool.timeouts", () -> f.meters.poolTimeouts("main", 0)))
                .isEqualTo(HealthState.OK);
        assertThat(f.step(monitor, "hikaricp.pool.timeouts", () -> f.meters.poolTimeouts("main", 2)))
                .isEqualTo(HealthState.CRITICAL);
        f.step(monitor, "hikaricp.pool.timeouts", () -> { });
        assertThat(f.step(monitor, "hikaricp.pool.timeouts", () -> { })).isEqualTo(HealthState.OK);
    }

    @Test
    void aDataSourceAttachedToThePerfMonBringsThePoolRulesToAMonitorBuiltBefore() {
        HealthMonitor monitor = f.defaultMonitor();
        assertThat(monitor.rules()).extracting(HealthRule::name).doesNotContain("hikaricp.pool.waiting");
        assertThat(monitor.prometheusRules()).doesNotContain("hikaricp_");

        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:pool-rules");
        PerfMonDataSource.wrap(h2, f.perfMon);
        f.meters.pool("main", 20, 20, 3);
        f.evaluate(monitor);

        assertThat(monitor.rules()).extracting(HealthRule::name).endsWith("hikaricp.pool.waiting",
                "hikaricp.pool.timeouts");
        assertThat(monitor.state("hikaricp.pool.waiting")).isEqualTo(HealthState.OK); // breached, not yet for 1m
        assertThat(monitor.statuses()).filteredOn(s -> s.rule().equals("hikaricp.pool.waiting")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(3));
        assertThat(f.registry.get(HealthMonitor.GAUGE).tag("rule", "hikaricp.pool.timeouts").gauge()).isNotNull();
        assertThat(monitor.prometheusRules()).contains(
                "- alert: PerfmonHikaricpPoolWaitingCritical\n"
                        + "        expr: '(max by (instance, pool) (max_over_time(hikaricp_connections_pending[1m]))) > 10"
                        + " and (max by (instance, pool) (max_over_time(hikaricp_connections_active[1m]))"
                        + " >= max by (instance, pool) (hikaricp_connections_max))'",
                "- alert: PerfmonHikaricpPoolTimeoutsCritical\n"
                        + "        expr: '(sum by (instance, pool) (increase(hikaricp_connections_timeout_total[5m]))) > 0'");
    }

    /** Part of the full check ({@code -Pfull}), which needs promtool ({@code apt-get install -y prometheus}). */
    @Test
    @Tag("full")
    void promtoolAcceptsTheExportedPoolRules(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("pool-rules.yml");
        Files.writeString(rules, PrometheusRules.builder(PoolHealthRules.defaults(config)).render());
        Promtool.Result result = Promtool.run(Promtool.require(), dir, "check", "rules", rules.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 4 rules found");
    }
}
