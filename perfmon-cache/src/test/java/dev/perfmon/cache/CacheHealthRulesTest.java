package dev.perfmon.cache;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.core.health.HealthRule;
import dev.perfmon.core.health.HealthState;
import dev.perfmon.core.health.MonitorFixture;
import dev.perfmon.core.health.PrometheusRules;
import dev.perfmon.testsupport.Promtool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caches' hit-ratio rule: its floor from the configuration, its for-duration, and that a
 * cache recorder attached to a PerfMon is what brings it to the monitor and the export.
 */
class CacheHealthRulesTest {

    @RegisterExtension
    final MonitorFixture f = new MonitorFixture();
    private final PerfMonConfig config = f.config;

    @Test
    void theFloorComesFromTheConfiguration() {
        assertThat(CacheHealthRules.hitRatio(PerfMonConfig.builder().cacheHitRatioFloor(0.5).build()).warning())
                .isEqualTo(0.5);
        assertThat(CacheHealthRules.hitRatio(config).warning()).isEqualTo(0.80);
    }

    @Test
    void aCacheUnderItsHitRatioFloorWarnsAfterTwoMinutes() {
        HealthMonitor monitor = f.monitor(CacheHealthRules.hitRatio(config));
        List<HealthState> states = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            states.add(f.step(monitor, "cache.hit.ratio", () -> f.meters.cacheGets("posts", 3, 7).cacheGets("users", 9, 1)));
        }
        // 10 gets per step: the 20-get minimum is met at the second evaluation (t=30 s), firing 2 min later.
        assertThat(states.indexOf(HealthState.WARNING)).isEqualTo(9);
        assertThat(monitor.statuses()).filteredOn(s -> s.series().equals("users"))
                .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(HealthState.OK));
    }

    @Test
    void aCacheRecorderBringsTheHitRatioRuleAndNoPoolRule() {
        HealthMonitor monitor = f.defaultMonitor();
        assertThat(monitor.rules()).extracting(HealthRule::name).doesNotContain("cache.hit.ratio");

        CacheRecorder.of(f.perfMon, "posts");

        assertThat(monitor.rules()).extracting(HealthRule::name).contains("cache.hit.ratio")
                .noneMatch(name -> name.startsWith("hikaricp."));
        assertThat(monitor.prometheusRules()).contains("- alert: PerfmonCacheHitRatioWarning\n"
                + "        expr: '((sum by (cache) (rate(cache_gets_total{result=\"hit\"}[5m]))"
                + " or sum by (cache) (rate(cache_gets_total[5m])) * 0) / sum by (cache) (rate(cache_gets_total[5m])))"
                + " < 0.8 and (sum by (cache) (increase(cache_gets_total[5m])) >= 20)'\n        for: 2m");
    }

    /** Part of the full check ({@code -Pfull}), which needs promtool ({@code apt-get install -y prometheus}). */
    @Test
    @Tag("full")
    void promtoolAcceptsTheExportedCacheRule(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("cache-rules.yml");
        Files.writeString(rules, PrometheusRules.builder(List.of(CacheHealthRules.hitRatio(config))).render());
        Promtool.Result result = Promtool.run(Promtool.require(), dir, "check", "rules", rules.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 2 rules found");
    }
}
