package dev.perfmon.cache;

import dev.perfmon.cache.internal.CacheMissRanking;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.HealthRule;
import dev.perfmon.core.health.RuleQuery;
import dev.perfmon.core.health.RuleUnit;

import java.time.Duration;

import static dev.perfmon.core.health.MetricWindow.tags;

/**
 * The caches' default health rule, over Micrometer's {@code cache.gets}: the hit ratio per cache
 * under {@code PerfMonConfig.cacheHitRatioFloor}. {@link CacheDiagnosis} contributes it to
 * every {@code HealthMonitor} of a PerfMon a cache recorder is attached to, with its PromQL twin
 * for the Prometheus export. Adjust it with {@code toBuilder()} and add it to the monitor under
 * the same name.
 */
public final class CacheHealthRules {

    /** Cache gets a window needs before the hit-ratio rule judges it (PromQL guard included). */
    public static final int MIN_GETS = 20;

    private CacheHealthRules() {
    }

    /** Hit ratio per cache over 5 min, held for 2 min: warning under {@code cacheHitRatioFloor}. */
    public static HealthRule hitRatio(PerfMonConfig config) {
        String gets = CacheMissRanking.GETS;
        return HealthRule.builder("cache.hit.ratio")
                .description("cache hit ratio")
                .below(config.cacheHitRatioFloor(), Double.NaN)
                .unit(RuleUnit.RATIO)
                .forDuration(Duration.ofMinutes(2))
                .query(RuleQuery.perTag(gets, "cache", (w, cache) -> {
                    double all = w.increase(gets, cache);
                    return all >= MIN_GETS ? w.increase(gets, cache.and(tags("result", "hit"))) / all : Double.NaN;
                }))
                .promQl("(sum by (cache) (rate(cache_gets_total{result=\"hit\"}[$window]))"
                        + " or sum by (cache) (rate(cache_gets_total[$window])) * 0)"
                        + " / sum by (cache) (rate(cache_gets_total[$window]))")
                .promGuard("sum by (cache) (increase(cache_gets_total[$window])) >= " + MIN_GETS)
                .seriesLabels("cache")
                .build();
    }
}
