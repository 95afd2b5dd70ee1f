package dev.perfmon.core.report.internal;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.Segment;
import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.health.internal.Meters;
import dev.perfmon.core.report.CacheSummary;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.RouteBreakdown;

import java.util.ArrayList;
import java.util.List;

import static dev.perfmon.core.health.MetricWindow.tags;

/**
 * Caches under their hit-ratio floor. A miss costs what it takes to produce the value again,
 * so a cache claims only the time its misses caused:
 * <ol>
 * <li>the time of its loads after misses, {@code cache.loads{cache}} (perfmon's caches time
 *     every loader call), when the cache publishes that timer;</li>
 * <li>otherwise the SQL time of the routes that used a cache at all (those with a
 *     {@code redis} segment), shared among the caches under their floor by their misses: the
 *     most the misses can have caused, since the value comes from the database.</li>
 * </ol>
 * Routes that never touch a cache (a report waiting on a row lock inside its SQL) are never
 * charged to one. The claim is counted at {@link #CACHE_CLAIM}: a better hit ratio saves most
 * of it, not all.
 */
final class CacheMissDiagnosis {

    static final double CACHE_CLAIM = 0.9;
    /** Fewer gets say nothing about a hit ratio. */
    static final long MIN_GETS = 20;

    private CacheMissDiagnosis() {
    }

    static List<Candidate> diagnose(PerfMonConfig config, List<CacheSummary> caches, List<RouteBreakdown> breakdown,
                                    List<Finding> findings, MetricWindow window, double totalSeconds) {
        List<CacheSummary> under = new ArrayList<>();
        long underMisses = 0;
        for (CacheSummary cache : caches) {
            if (cache.hits() + cache.misses() >= MIN_GETS && cache.hitRatio() < config.cacheHitRatioFloor()) {
                under.add(cache);
                underMisses += cache.misses();
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        if (under.isEmpty() || !(totalSeconds > 0)) {
            return candidates;
        }
        List<String> cacheRoutes = new ArrayList<>();
        double cacheRouteSql = 0;
        for (RouteBreakdown b : breakdown) {
            if (BottleneckRanker.seconds(b, Segment.REDIS) > 0) {
                cacheRoutes.add(b.route());
                cacheRouteSql += BottleneckRanker.seconds(b, Segment.DB_QUERY);
            }
        }
        long stampedes = ReportAssembler.count(findings, "cache.stampede", null);
        for (CacheSummary cache : under) {
            double loadSeconds = window.sumIncrease(Meters.CACHE_LOADS, tags("cache", cache.cache()));
            String cost;
            double missSeconds;
            if (loadSeconds > 0) {
                missSeconds = Math.min(loadSeconds, totalSeconds);
                cost = "loads after misses " + Fmt.pct(missSeconds / totalSeconds * 100) + " of request time";
            } else {
                missSeconds = underMisses > 0 ? cacheRouteSql * cache.misses() / underMisses : 0;
                cost = cacheRoutes.isEmpty() ? "no route timed Redis, so no time is charged to its misses"
                        : "SQL of the routes using Redis (" + String.join(", ", cacheRoutes) + ") "
                                + Fmt.pct(missSeconds / totalSeconds * 100) + " of request time"
                                + (under.size() > 1 ? ", this cache's share by misses" : "");
            }
            String stampedeText = stampedes > 0 ? "; " + stampedes + " stampede" + Fmt.plural(stampedes) : "";
            long gets = cache.hits() + cache.misses();
            candidates.add(new Candidate("cache.miss", "none", CACHE_CLAIM * missSeconds / totalSeconds,
                    "cache " + cache.cache() + ": hit ratio " + Fmt.pct(cache.hitRatio() * 100) + " (" + cache.misses()
                            + " misses of " + gets + " gets, floor " + Fmt.pct(config.cacheHitRatioFloor() * 100) + "); "
                            + cost + stampedeText,
                    "coalesce concurrent loads (single-flight), lengthen or jitter the TTL, warm hot keys"));
        }
        return candidates;
    }
}
