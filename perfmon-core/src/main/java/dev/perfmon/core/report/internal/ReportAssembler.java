package dev.perfmon.core.report.internal;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.Segment;
import dev.perfmon.core.health.HealthState;
import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.health.RuleStatus;
import dev.perfmon.core.health.RuleUnit;
import dev.perfmon.core.health.internal.HistogramMath;
import dev.perfmon.core.health.internal.Meters;
import dev.perfmon.core.health.internal.SnapshotWindow;
import dev.perfmon.core.report.CacheSummary;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.LatencySummary;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.RouteSummary;
import dev.perfmon.core.report.SloCheck;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.perfmon.core.health.MetricWindow.all;
import static dev.perfmon.core.health.MetricWindow.tagMatches;
import static dev.perfmon.core.health.MetricWindow.tags;

/** Computes a {@link PerfReport} from a window of meter activity, the findings and the health verdicts. */
public final class ReportAssembler {

    private ReportAssembler() {
    }

    /**
     * @param window the meters' activity
     * @param periodStart when the period starts (the reporter start for since-start reports)
     * @param sinceStart whether counts are since the meters were created
     */
    public static PerfReport assemble(SnapshotWindow window, Instant generatedAt, Instant periodStart,
                                      Duration period, boolean sinceStart, PerfMonConfig config,
                                      FindingLog.Result findings, List<RuleStatus> health, boolean healthFromMonitor) {
        double seconds = period.toNanos() / 1e9;
        List<String> notes = new ArrayList<>();

        RouteSummary totals = route(window, PerfReport.ALL, "", "", all(), seconds);
        List<RouteSummary> routes = new ArrayList<>();
        Map<String, Predicate<Meter.Id>> routeFilters = new LinkedHashMap<>();
        for (List<String> g : window.groups(Meters.HTTP, all(), "method", "uri")) {
            String name = Meters.route(g.get(0), g.get(1));
            Predicate<Meter.Id> filter = tags("method", g.get(0), "uri", g.get(1));
            routeFilters.put(name, filter);
            RouteSummary summary = route(window, name, g.get(0), g.get(1), filter, seconds);
            if (summary.requests() > 0) {
                routes.add(summary);
            }
        }
        routes.sort(Comparator.comparingLong(RouteSummary::requests).reversed().thenComparing(RouteSummary::route));
        if (window.estimated(Meters.HTTP, all())) {
            notes.add("latency quantiles are partly estimated: this registry's histogram buckets decay"
                    + " (Prometheus registries keep them cumulative)");
        }
        if (!routes.isEmpty() && Double.isNaN(totals.latency().p99Ms())) {
            notes.add("no histogram buckets on http.server.requests: quantiles unavailable");
        }

        List<SloCheck> slos = slos(config, totals, routes);
        List<RouteBreakdown> breakdown = breakdown(window, routeFilters);
        List<CacheSummary> caches = new ArrayList<>();
        for (List<String> g : window.groups(Meters.CACHE_GETS, all(), "cache")) {
            CacheSummary cache = cache(window, g.get(0), tags("cache", g.get(0)));
            if (cache.hits() + cache.misses() > 0) {
                caches.add(cache);
            }
        }
        caches.sort(Comparator.comparingLong((CacheSummary c) -> c.hits() + c.misses()).reversed()
                .thenComparing(CacheSummary::cache));
        CacheSummary cacheTotals = cache(window, PerfReport.ALL, all());
        List<PoolSummary> pools = pools(window, findings.pools());
        if (findings.dropped() > 0) {
            notes.add(findings.dropped() + " older events fell out of the finding store; counts in the window"
                    + " are incomplete");
        }
        List<RuleStatus> sortedHealth = new ArrayList<>(health);
        sortedHealth.sort(Comparator.comparing((RuleStatus s) -> s.state().level()).reversed()
                .thenComparing(RuleStatus::rule).thenComparing(RuleStatus::series));

        PerfReport.Builder b = PerfReport.builder()
                .period(generatedAt, periodStart, window.end(), period, sinceStart)
                .traffic(totals, routes, slos)
                .breakdown(breakdown)
                .caches(cacheTotals, caches)
                .pools(pools)
                .findings(findings.findings(), findings.dropped())
                .health(sortedHealth, healthFromMonitor);
        b.bottlenecks(BottleneckRanker.rank(config, totals, routes, breakdown, caches, pools, findings.findings(),
                findings.pools(), sortedHealth, window));
        b.notes(notes);
        return b.build();
    }

    static RouteSummary route(MetricWindow w, String name, String method, String uri, Predicate<Meter.Id> filter,
                              double seconds) {
        long requests = Math.round(w.increase(Meters.HTTP, filter));
        long failures = Math.round(w.increase(Meters.HTTP, filter.and(tagMatches("status", "4..|5.."))));
        long serverErrors = Math.round(w.increase(Meters.HTTP, filter.and(tagMatches("status", "5.."))));
        long successes = Math.round(w.increase(Meters.HTTP, filter.and(tagMatches("status", "2.."))));
        double rate = seconds > 0 ? requests / seconds : Double.NaN;
        return new RouteSummary(name, method, uri, requests, rate, failures, serverErrors, share(failures, requests),
                share(serverErrors, requests), share(successes, requests), latency(w, Meters.HTTP, filter, requests));
    }

    static LatencySummary latency(MetricWindow w, String meter, Predicate<Meter.Id> filter, long requests) {
        if (requests <= 0) {
            return LatencySummary.EMPTY;
        }
        SnapshotWindow sw = (SnapshotWindow) w;
        SnapshotWindow.Buckets b = sw.buckets(meter, filter);
        double avg = w.sumIncrease(meter, filter) / w.increase(meter, filter) * 1000;
        // No registry keeps a minimum: the lowest non-empty bucket bounds it from above, and so
        // does the exact average.
        double min = Math.min(HistogramMath.lowestNonEmptyBound(b.bounds(), b.cumulative(), b.total()) * 1000, avg);
        double max = w.maxReported(meter, filter) * 1000;
        if (b.bounds().length > 0) {
            double upper = HistogramMath.highestNonEmptyBound(b.bounds(), b.cumulative(), b.total()) * 1000;
            double lower = HistogramMath.highestNonEmptyLowerBound(b.bounds(), b.cumulative(), b.total()) * 1000;
            if (!Double.isNaN(max)) {
                max = Math.max(Math.min(max, upper), lower);
            }
        } else {
            min = Double.NaN;
        }
        return new LatencySummary(avg, min, q(b, 0.5, max), q(b, 0.9, max), q(b, 0.95, max), q(b, 0.99, max), max,
                w.estimated(meter, filter));
    }

    /** Interpolation can land past the slowest request in a wide bucket; no quantile exceeds the max. */
    private static double q(SnapshotWindow.Buckets b, double q, double maxMs) {
        double value = HistogramMath.quantile(q, b.bounds(), b.cumulative(), b.total()) * 1000;
        return Double.isNaN(maxMs) ? value : Math.min(value, maxMs);
    }

    private static double share(long part, long whole) {
        return whole > 0 ? (double) part / whole : Double.NaN;
    }

    private static List<SloCheck> slos(PerfMonConfig config, RouteSummary totals, List<RouteSummary> routes) {
        List<SloCheck> slos = new ArrayList<>();
        double latencySlo = config.latencySlo().toNanos() / 1e9;
        slos.add(latencyCheck(PerfReport.ALL, latencySlo, totals));
        slos.add(new SloCheck("success ratio", PerfReport.ALL, config.successRatioSlo(), totals.successRatio(),
                RuleUnit.RATIO, Double.isNaN(totals.successRatio()) || totals.successRatio() >= config.successRatioSlo()));
        slos.add(new SloCheck("error rate", PerfReport.ALL, config.errorRateWarning(), totals.errorRate(),
                RuleUnit.RATIO, Double.isNaN(totals.errorRate()) || totals.errorRate() <= config.errorRateWarning()));
        slos.add(new SloCheck("server error rate", PerfReport.ALL, config.serverErrorRateWarning(),
                totals.serverErrorRate(), RuleUnit.RATIO,
                Double.isNaN(totals.serverErrorRate()) || totals.serverErrorRate() <= config.serverErrorRateWarning()));
        for (RouteSummary route : routes) {
            slos.add(latencyCheck(route.route(), latencySlo, route));
        }
        return slos;
    }

    private static SloCheck latencyCheck(String route, double slo, RouteSummary summary) {
        double p99 = summary.latency().p99Ms() / 1000;
        return new SloCheck("p99 latency", route, slo, p99, RuleUnit.SECONDS, Double.isNaN(p99) || p99 <= slo);
    }

    private static List<RouteBreakdown> breakdown(MetricWindow w, Map<String, Predicate<Meter.Id>> routeFilters) {
        // Breakdown meters carry the same method and uri tags as the request timer: one spelling joins them.
        Map<String, Predicate<Meter.Id>> byScopeRoute = new LinkedHashMap<>();
        for (String meter : new String[] {Meters.SEGMENT, Meters.STATEMENTS}) {
            for (List<String> g : w.groups(meter, all(), "method", "uri")) {
                byScopeRoute.putIfAbsent(Meters.route(g.get(0), g.get(1)), tags("method", g.get(0), "uri", g.get(1)));
            }
        }
        Map<String, Predicate<Meter.Id>> httpFor = new HashMap<>();
        for (String scopeRoute : byScopeRoute.keySet()) {
            httpFor.put(scopeRoute, routeFilters.get(scopeRoute));
        }
        for (Map.Entry<String, Predicate<Meter.Id>> route : routeFilters.entrySet()) {
            if (!httpFor.containsKey(route.getKey())) {
                httpFor.put(route.getKey(), route.getValue());
                byScopeRoute.put(route.getKey(), route.getValue());
            }
        }
        List<RouteBreakdown> result = new ArrayList<>();
        for (Map.Entry<String, Predicate<Meter.Id>> scopeRoute : byScopeRoute.entrySet()) {
            RouteBreakdown b = routeBreakdown(w, scopeRoute.getKey(), scopeRoute.getValue(), httpFor.get(scopeRoute.getKey()));
            if (b != null) {
                result.add(b);
            }
        }
        result.sort(Comparator.comparingDouble((RouteBreakdown b) -> Double.isNaN(b.requestSeconds()) ? -1
                : b.requestSeconds()).reversed().thenComparing(RouteBreakdown::route));
        return result;
    }

    private static @Nullable RouteBreakdown routeBreakdown(MetricWindow w, String scopeRoute, Predicate<Meter.Id> scoped,
                                                 @Nullable Predicate<Meter.Id> http) {
        Map<String, Double> segmentSeconds = new LinkedHashMap<>();
        for (String fixed : new String[] {Segment.DB_POOL.name(), Segment.DB_QUERY.name(), Segment.REDIS.name()}) {
            segmentSeconds.put(fixed, w.sumIncrease(Meters.SEGMENT, scoped.and(tags("segment", fixed))));
        }
        for (List<String> g : w.groups(Meters.SEGMENT, scoped, "segment")) {
            if (!segmentSeconds.containsKey(g.get(0)) && !Segment.OTHER.name().equals(g.get(0))) {
                segmentSeconds.put(g.get(0), w.sumIncrease(Meters.SEGMENT, scoped.and(tags("segment", g.get(0)))));
            }
        }
        long requests = http == null ? 0 : Math.round(w.increase(Meters.HTTP, http));
        double requestSeconds = http == null ? Double.NaN : w.sumIncrease(Meters.HTTP, http);
        // Every scope records its statement count, zero included: the mean is over all requests.
        double statementCount = w.increase(Meters.STATEMENTS, scoped);
        double statementSum = w.sumIncrease(Meters.STATEMENTS, scoped);
        double statements = statementCount > 0 ? statementSum / statementCount : Double.NaN;
        double statementsMax = w.maxReported(Meters.STATEMENTS, scoped);
        double segmentTotal = 0;
        for (double s : segmentSeconds.values()) {
            segmentTotal += s;
        }
        if (requests == 0 && segmentTotal == 0 && statementSum == 0) {
            return null;
        }
        Map<String, Double> percent = new LinkedHashMap<>();
        double other = Double.NaN;
        if (requestSeconds > 0) {
            double sum = 0;
            for (Map.Entry<String, Double> e : segmentSeconds.entrySet()) {
                double pct = e.getValue() / requestSeconds * 100;
                percent.put(e.getKey(), pct);
                sum += pct;
            }
            other = Math.max(0, 100 - sum);
            percent.put(Segment.OTHER.name(), other);
        }
        return new RouteBreakdown(scopeRoute, requests, requestSeconds, percent, segmentSeconds,
                percent.getOrDefault(Segment.DB_POOL.name(), Double.NaN),
                percent.getOrDefault(Segment.DB_QUERY.name(), Double.NaN),
                percent.getOrDefault(Segment.REDIS.name(), Double.NaN), other, statements, statementsMax);
    }

    private static CacheSummary cache(MetricWindow w, String name, Predicate<Meter.Id> filter) {
        long hits = Math.round(w.increase(Meters.CACHE_GETS, filter.and(tags("result", "hit"))));
        long misses = Math.round(w.increase(Meters.CACHE_GETS, filter.and(tags("result", "miss"))));
        return new CacheSummary(name, hits, misses, share(hits, hits + misses));
    }

    /** Pools with meters, with their episodes; then pools known only from their exhaustion events. */
    private static List<PoolSummary> pools(MetricWindow w, PoolEpisodes episodes) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (String meter : new String[] {Meters.POOL_MAX, Meters.POOL_ACTIVE, Meters.POOL_PENDING}) {
            for (List<String> g : w.groups(meter, all(), "pool")) {
                names.put(g.get(0), Boolean.TRUE);
            }
        }
        List<PoolSummary> pools = new ArrayList<>();
        for (String pool : names.keySet()) {
            Predicate<Meter.Id> p = tags("pool", pool);
            double acquisitions = w.increase(Meters.POOL_ACQUIRE, p);
            PoolTally tally = episodes.pool(pool);
            pools.add(new PoolSummary(pool, w.gauge(Meters.POOL_MAX, p), w.gaugeMax(Meters.POOL_ACTIVE, p),
                    w.gaugeMax(Meters.POOL_PENDING, p), Math.round(w.increase(Meters.POOL_TIMEOUT, p)),
                    acquisitions > 0 ? w.sumIncrease(Meters.POOL_ACQUIRE, p) / acquisitions * 1000 : Double.NaN,
                    tally == null ? 0 : tally.episodes(), tally == null ? List.of() : tally.mainHolders()));
        }
        for (PoolTally tally : episodes.pools()) {
            if (!names.containsKey(tally.pool())) {
                pools.add(new PoolSummary(tally.pool(), Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN,
                        tally.episodes(), tally.mainHolders()));
            }
        }
        return pools;
    }

    /** @return the worst state among statuses */
    static HealthState worst(List<RuleStatus> statuses) {
        HealthState worst = HealthState.OK;
        for (RuleStatus s : statuses) {
            worst = worst.worst(s.state());
        }
        return worst;
    }

    /** @return findings of one kind on one route */
    static long count(List<Finding> findings, String kind, @Nullable String route) {
        long n = 0;
        for (Finding f : findings) {
            if (f.kind().equals(kind) && (route == null || f.route().equals(route))) {
                n += f.count();
            }
        }
        return n;
    }
}
