package dev.perfmon.cache.internal;

import dev.perfmon.cache.CacheStampede;
import dev.perfmon.core.Segment;
import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.report.CacheSummary;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.spi.BottleneckCandidate;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.ReportContribution;
import io.micrometer.core.instrument.Meter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import static dev.perfmon.core.health.MetricWindow.all;
import static dev.perfmon.core.health.MetricWindow.tags;
import static dev.perfmon.core.report.spi.ReportFormat.pct;
import static dev.perfmon.core.report.spi.ReportFormat.plural;

/**
 * The caches' rows of a report, from {@code cache.gets{cache,result}}, and the caches under
 * their hit-ratio floor as candidates. A miss costs what it takes to produce the value again,
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
public final class CacheMissRanking {

    /** The {@code cache.gets} counter, tagged {@code cache} and {@code result}. */
    public static final String GETS = "cache.gets";
    /** The {@code cache.loads} timer, tagged {@code cache} and {@code result}. */
    public static final String LOADS = "cache.loads";
    /** The kind of the candidate. */
    static final String KIND = "cache.miss";
    static final double CACHE_CLAIM = 0.9;
    /** Fewer gets say nothing about a hit ratio. */
    static final long MIN_GETS = 20;
    private static final String REDIS = Segment.REDIS.name();
    private static final String DB_QUERY = Segment.DB_QUERY.name();

    private CacheMissRanking() {
    }

    public static void diagnose(DiagnosisContext context, ReportContribution report) {
        MetricWindow window = context.window();
        List<CacheSummary> caches = new ArrayList<>();
        for (List<String> g : window.groups(GETS, all(), "cache")) {
            CacheSummary cache = cache(window, g.get(0), tags("cache", g.get(0)));
            if (cache.hits() + cache.misses() > 0) {
                caches.add(cache);
            }
        }
        caches.sort(Comparator.comparingLong((CacheSummary c) -> c.hits() + c.misses()).reversed()
                .thenComparing(CacheSummary::cache));
        report.caches(cache(window, PerfReport.ALL, all()), caches);
        rank(context, caches, report);
    }

    private static void rank(DiagnosisContext context, List<CacheSummary> caches, ReportContribution report) {
        double floor = context.config().cacheHitRatioFloor();
        double totalSeconds = context.totalRequestSeconds();
        List<CacheSummary> under = new ArrayList<>();
        long underMisses = 0;
        for (CacheSummary cache : caches) {
            if (cache.hits() + cache.misses() >= MIN_GETS && cache.hitRatio() < floor) {
                under.add(cache);
                underMisses += cache.misses();
            }
        }
        if (under.isEmpty() || !(totalSeconds > 0)) {
            return;
        }
        List<String> cacheRoutes = new ArrayList<>();
        double cacheRouteSql = 0;
        for (RouteBreakdown b : context.breakdown()) {
            if (b.seconds(REDIS) > 0) {
                cacheRoutes.add(b.route());
                cacheRouteSql += b.seconds(DB_QUERY);
            }
        }
        long stampedes = context.findingCount(CacheStampede.KIND, null);
        for (CacheSummary cache : under) {
            double loadSeconds = context.window().sumIncrease(LOADS, tags("cache", cache.cache()));
            String cost;
            double missSeconds;
            if (loadSeconds > 0) {
                missSeconds = Math.min(loadSeconds, totalSeconds);
                cost = "loads after misses " + pct(missSeconds / totalSeconds * 100) + " of request time";
            } else {
                missSeconds = underMisses > 0 ? cacheRouteSql * cache.misses() / underMisses : 0;
                cost = cacheRoutes.isEmpty() ? "no route timed Redis, so no time is charged to its misses"
                        : "SQL of the routes using Redis (" + String.join(", ", cacheRoutes) + ") "
                                + pct(missSeconds / totalSeconds * 100) + " of request time"
                                + (under.size() > 1 ? ", this cache's share by misses" : "");
            }
            String stampedeText = stampedes > 0 ? "; " + stampedes + " stampede" + plural(stampedes) : "";
            long gets = cache.hits() + cache.misses();
            report.candidate(new BottleneckCandidate(KIND, "none", CACHE_CLAIM * missSeconds / totalSeconds,
                    "cache " + cache.cache() + ": hit ratio " + pct(cache.hitRatio() * 100) + " (" + cache.misses()
                            + " misses of " + gets + " gets, floor " + pct(floor * 100) + "); " + cost + stampedeText,
                    "coalesce concurrent loads (single-flight), lengthen or jitter the TTL, warm hot keys"));
        }
    }

    private static CacheSummary cache(MetricWindow w, String name, Predicate<Meter.Id> filter) {
        long hits = Math.round(w.increase(GETS, filter.and(tags("result", "hit"))));
        long misses = Math.round(w.increase(GETS, filter.and(tags("result", "miss"))));
        return new CacheSummary(name, hits, misses, hits + misses > 0 ? (double) hits / (hits + misses) : Double.NaN);
    }
}
