package dev.perfmon.core.report.internal;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.Segment;
import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.health.RuleStatus;
import dev.perfmon.core.health.internal.Meters;
import dev.perfmon.core.report.Bottleneck;
import dev.perfmon.core.report.CacheSummary;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.RouteSummary;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.perfmon.core.health.MetricWindow.all;
import static dev.perfmon.core.health.MetricWindow.tags;

/**
 * Ranks likely bottlenecks. Each candidate's score approximates the share of all request time
 * it explains, so candidates across routes compare:
 * <ul>
 * <li>pool exhaustion is one candidate, the {@code db.pool} time of every route
 *     ({@link PoolWaitDiagnosis});</li>
 * <li>an N+1 claims the route's own work (SQL and the time outside segments, where an ORM
 *     maps each row) in proportion to the statements beyond {@link #N_PLUS_ONE_BASELINE} per
 *     request: with one query per row, SQL and per-row mapping both scale with the statements;</li>
 * <li>a cache under its hit-ratio floor claims the time its misses caused, on the routes that
 *     used a cache ({@link CacheMissDiagnosis});</li>
 * <li>generic diagnoses are discounted (slow SQL or Redis 0.8, unexplained latency 0.6) and only
 *     made for routes whose p99 is past the latency warning: a fast route spending most of its
 *     time in SQL is not a bottleneck;</li>
 * <li>CPU, heap, errors and pool timeouts, which are not time shares, get fixed weights below
 *     those of a dominant time share.</li>
 * </ul>
 */
final class BottleneckRanker {

    /** Candidates under this score are not worth listing. */
    static final double MIN_SCORE = 0.05;
    static final int MAX_BOTTLENECKS = 10;

    private static final double GENERIC = 0.8;
    private static final double UNEXPLAINED = 0.6;
    private static final double N_PLUS_ONE_STATEMENTS = 10;
    /** Statements per request a fixed N+1 needs: the rows, then one join or IN query for the association. */
    static final double N_PLUS_ONE_BASELINE = 2;

    private BottleneckRanker() {
    }

    static List<Bottleneck> rank(PerfMonConfig config, RouteSummary totals, List<RouteSummary> routes,
                                 List<RouteBreakdown> breakdown, List<CacheSummary> caches, List<PoolSummary> pools,
                                 List<Finding> findings, PoolEpisodes episodes, List<RuleStatus> health,
                                 MetricWindow window) {
        List<Candidate> candidates = new ArrayList<>();
        double total = window.sumIncrease(Meters.HTTP, all());
        Candidate poolWait = PoolWaitDiagnosis.diagnose(breakdown, pools, episodes, total);
        if (poolWait != null) {
            candidates.add(poolWait);
        }
        for (RouteBreakdown b : breakdown) {
            if (!(b.requestSeconds() > 0) || !(total > 0)) {
                continue;
            }
            double sql = seconds(b, Segment.DB_QUERY);
            double redis = seconds(b, Segment.REDIS);
            // Generic diagnoses only for routes that are no longer fast; specific smells always.
            RouteSummary route = find(routes, b.route());
            boolean slow = route != null && route.latency().p99Ms() > config.latencyWarning().toNanos() / 1e6;
            long nPlusOne = ReportAssembler.count(findings, "nplusone", b.route());
            if (nPlusOne > 0 || b.statementsPerRequest() >= N_PLUS_ONE_STATEMENTS) {
                candidates.add(nPlusOne(b, nPlusOne, sql, total));
            } else if (slow && b.sqlPercent() >= 20) {
                candidates.add(new Candidate("sql", b.route(), GENERIC * sql / total,
                        b.route() + ": " + Fmt.pct(b.sqlPercent()) + " of time in SQL, " + Fmt.dec(b.statementsPerRequest())
                                + " statements per request",
                        "check the slowest statements' plans and indexes (jdbc.query by type)"));
            }
            if (slow && b.redisPercent() >= 20) {
                candidates.add(new Candidate("redis", b.route(), GENERIC * redis / total,
                        b.route() + ": " + Fmt.pct(b.redisPercent()) + " of time in Redis",
                        "batch or pipeline commands (MGET, pipelining), keep hot values in process, check Redis"
                                + " latency"));
            }
            double slo = config.latencySlo().toNanos() / 1e6;
            if (route != null && route.latency().p99Ms() > slo && b.otherPercent() >= 50) {
                double other = b.requestSeconds() * b.otherPercent() / 100;
                candidates.add(new Candidate("latency", b.route(), UNEXPLAINED * other / total,
                        b.route() + ": p99 " + Fmt.ms(route.latency().p99Ms()) + " > SLO " + Fmt.ms(slo) + "; "
                                + Fmt.pct(b.otherPercent()) + " of time outside pool, SQL and Redis",
                        "profile the route's own code (CPU, locks, remote calls not timed as segments)"));
            }
        }
        candidates.addAll(CacheMissDiagnosis.diagnose(config, caches, breakdown, findings, window, total));
        for (RouteSummary route : routes) {
            if (route.requests() >= 10 && route.errorRate() > config.errorRateWarning()) {
                double requestShare = totals.requests() > 0 ? (double) route.requests() / totals.requests() : 0;
                candidates.add(new Candidate("errors", route.route(), 0.5 * route.errorRate() * requestShare + 0.05,
                        route.route() + ": " + Fmt.pct(route.errorRate() * 100) + " errors (5xx "
                                + Fmt.pct(route.serverErrorRate() * 100) + ") of " + route.requests() + " requests",
                        "read the exception logs of this route; check the failing dependency"));
            }
        }
        for (PoolSummary pool : pools) {
            if (pool.timeouts() > 0) {
                candidates.add(new Candidate("pool.timeouts", "none", 0.3,
                        "pool " + pool.pool() + ": " + pool.timeouts() + " connection timeout" + Fmt.plural(pool.timeouts())
                                + "; " + Fmt.num(pool.peakActive()) + "/" + Fmt.num(pool.maxConnections()) + " busy at peak",
                        "find who holds connections (pool exhaustion findings), then raise maximumPoolSize"));
            }
        }
        double cpu = window.gaugeAverage(Meters.CPU, all());
        if (cpu >= config.cpuWarning()) {
            candidates.add(new Candidate("cpu", "none", 0.7 * cpu,
                    "process CPU " + Fmt.pct(cpu * 100) + " on average, " + Fmt.pct(window.gaugeMax(Meters.CPU, all()) * 100)
                            + " at peak",
                    "profile the hot paths (async-profiler, JFR), cut per-request work, or scale out"));
        }
        double heap = heapShare(window);
        if (heap >= config.heapWarning()) {
            candidates.add(new Candidate("heap", "none", 0.5 * heap,
                    "heap " + Fmt.pct(heap * 100) + " of its maximum on average",
                    "check for caches or queues growing without bound (heap dump), then size -Xmx"));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparing(Candidate::kind).thenComparing(Candidate::route));
        List<Bottleneck> result = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.score() < MIN_SCORE || result.size() == MAX_BOTTLENECKS) {
                break;
            }
            result.add(new Bottleneck(result.size() + 1, c.kind(), c.route(), round(c.score()), c.reason(), c.action()));
        }
        return result;
    }

    private static double heapShare(MetricWindow w) {
        double max = 0;
        for (List<String> pool : w.groups(Meters.MEMORY_MAX, tags("area", "heap"), "id")) {
            double poolMax = w.gauge(Meters.MEMORY_MAX, tags("area", "heap", "id", pool.get(0)));
            if (poolMax > 0) {
                max += poolMax;
            }
        }
        return max > 0 ? w.gaugeAverage(Meters.MEMORY_USED, tags("area", "heap")) / max : Double.NaN;
    }

    /**
     * The N+1 candidate: the route's SQL and other time, times the share of its statements
     * beyond the baseline. Without a statement mean (findings but no statement summary) only
     * the SQL time is claimed.
     */
    private static Candidate nPlusOne(RouteBreakdown b, long findings, double sql, double total) {
        double perRequest = b.statementsPerRequest();
        double own = sql + b.requestSeconds() * nz(b.otherPercent()) / 100;
        double repeated = perRequest > N_PLUS_ONE_BASELINE ? (perRequest - N_PLUS_ONE_BASELINE) / perRequest : 0;
        double claimed = Math.max(sql, own * repeated);
        String found = findings > 0 ? ", " + findings + " N+1 finding" + Fmt.plural(findings) : "";
        String share = repeated > 0
                ? "; SQL " + Fmt.pct(b.sqlPercent()) + " + other " + Fmt.pct(b.otherPercent()) + " of time, "
                        + Fmt.pct(claimed / b.requestSeconds() * 100) + " from the statements beyond "
                        + Fmt.num(N_PLUS_ONE_BASELINE)
                : "; SQL " + Fmt.pct(b.sqlPercent()) + " of time";
        return new Candidate("nplusone", b.route(), claimed / total,
                b.route() + ": " + Fmt.dec(perRequest) + " SQL statements per request" + found + share,
                "load the association with the first query (join fetch, entity graph or one IN query)"
                        + " instead of one query per row");
    }

    private static @Nullable RouteSummary find(List<RouteSummary> routes, String route) {
        for (RouteSummary r : routes) {
            if (r.route().equals(route) || r.uri().equals(route)) {
                return r;
            }
        }
        return null;
    }

    /** @return the seconds a route spent in one segment, 0 when it recorded none */
    static double seconds(RouteBreakdown b, Segment segment) {
        Double s = b.segmentSeconds().get(segment.name());
        return s == null ? 0 : s;
    }

    private static double nz(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
