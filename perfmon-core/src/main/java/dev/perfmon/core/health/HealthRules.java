package dev.perfmon.core.health;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.internal.Meters;
import io.micrometer.core.instrument.Meter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.perfmon.core.health.MetricWindow.all;
import static dev.perfmon.core.health.MetricWindow.tagMatches;
import static dev.perfmon.core.health.MetricWindow.tags;

/**
 * The built-in rules, with thresholds from {@link PerfMonConfig} (the mission's defaults:
 * p99 300 ms warning / 400 ms SLO, success ratio 99 %, error rate 5 % / 10 %, CPU 70 % / 90 %
 * sustained, heap 85 % / 95 %, pool waiters, pool timeouts, cache hit ratio 80 %). Each reads
 * the metric contract's meters and carries the matching PromQL, with {@code $window} standing
 * for the rule's window. Adjust one with {@code toBuilder()}.
 */
public final class HealthRules {

    /** Requests a window needs before the HTTP ratio and latency rules judge it (PromQL guard included). */
    public static final int MIN_REQUESTS = 10;
    /** Cache gets a window needs before the hit-ratio rule judges it. */
    public static final int MIN_CACHE_GETS = 20;

    private static final String HTTP_COUNT = "http_server_requests_seconds_count";
    private static final String HTTP_BUCKET = "http_server_requests_seconds_bucket";
    private static final String STATUS_2XX = "2..";
    private static final String STATUS_ERROR = "4..|5..";
    private static final String STATUS_5XX = "5..";

    private HealthRules() {
    }

    /** @return every built-in rule with the configuration's thresholds */
    public static List<HealthRule> defaults(PerfMonConfig config) {
        return List.of(latencyP99(config), latencyP99PerRoute(config), successRatio(config), errorRate(config),
                errorRatePerRoute(config), serverErrorRate(config), cpu(config), heap(config), poolWaiting(config),
                poolTimeouts(), cacheHitRatio(config));
    }

    /** p99 of all requests: warning above {@code latencyWarning}, critical above {@code latencySlo}. */
    public static HealthRule latencyP99(PerfMonConfig config) {
        return HealthRule.builder("http.latency.p99")
                .description("p99 latency")
                .above(seconds(config.latencyWarning()), seconds(config.latencySlo()))
                .unit(RuleUnit.SECONDS)
                .query(RuleQuery.single(w -> enoughRequests(w, all()) ? w.quantile(0.99, Meters.HTTP, all()) : Double.NaN))
                .promQl("histogram_quantile(0.99, sum by (le) (rate(" + HTTP_BUCKET + "[$window])))")
                .promGuard("sum(increase(" + HTTP_COUNT + "[$window])) >= " + MIN_REQUESTS)
                .build();
    }

    /** p99 per route ({@code method uri}), same thresholds as {@link #latencyP99}. */
    public static HealthRule latencyP99PerRoute(PerfMonConfig config) {
        return HealthRule.builder("http.latency.p99.route")
                .description("p99 latency")
                .above(seconds(config.latencyWarning()), seconds(config.latencySlo()))
                .unit(RuleUnit.SECONDS)
                .query(perRoute((w, route) -> enoughRequests(w, route) ? w.quantile(0.99, Meters.HTTP, route) : Double.NaN))
                .promQl("histogram_quantile(0.99, sum by (le, method, uri) (rate(" + HTTP_BUCKET + "[$window])))")
                .promGuard("sum by (method, uri) (increase(" + HTTP_COUNT + "[$window])) >= " + MIN_REQUESTS)
                .seriesLabels("method, uri")
                .build();
    }

    /** Share of 2xx responses: critical under {@code successRatioSlo}. */
    public static HealthRule successRatio(PerfMonConfig config) {
        return HealthRule.builder("http.success.ratio")
                .description("success ratio (2xx)")
                .below(Double.NaN, config.successRatioSlo())
                .unit(RuleUnit.RATIO)
                .query(RuleQuery.single(w -> statusShare(w, all(), STATUS_2XX)))
                .promQl("(sum(rate(" + HTTP_COUNT + "{status=~\"" + STATUS_2XX + "\"}[$window])) or vector(0))"
                        + " / sum(rate(" + HTTP_COUNT + "[$window]))")
                .promGuard("sum(increase(" + HTTP_COUNT + "[$window])) >= " + MIN_REQUESTS)
                .build();
    }

    /** Share of 4xx and 5xx responses: {@code errorRateWarning} / {@code errorRateCritical}. */
    public static HealthRule errorRate(PerfMonConfig config) {
        return HealthRule.builder("http.error.rate")
                .description("error rate (4xx+5xx)")
                .above(config.errorRateWarning(), config.errorRateCritical())
                .unit(RuleUnit.RATIO)
                .query(RuleQuery.single(w -> statusShare(w, all(), STATUS_ERROR)))
                .promQl("(sum(rate(" + HTTP_COUNT + "{status=~\"" + STATUS_ERROR + "\"}[$window])) or vector(0))"
                        + " / sum(rate(" + HTTP_COUNT + "[$window]))")
                .promGuard("sum(increase(" + HTTP_COUNT + "[$window])) >= " + MIN_REQUESTS)
                .build();
    }

    /** {@link #errorRate} per route. */
    public static HealthRule errorRatePerRoute(PerfMonConfig config) {
        return HealthRule.builder("http.error.rate.route")
                .description("error rate (4xx+5xx)")
                .above(config.errorRateWarning(), config.errorRateCritical())
                .unit(RuleUnit.RATIO)
                .query(perRoute((w, route) -> statusShare(w, route, STATUS_ERROR)))
                .promQl("(sum by (method, uri) (rate(" + HTTP_COUNT + "{status=~\"" + STATUS_ERROR + "\"}[$window]))"
                        + " or sum by (method, uri) (rate(" + HTTP_COUNT + "[$window])) * 0)"
                        + " / sum by (method, uri) (rate(" + HTTP_COUNT + "[$window]))")
                .promGuard("sum by (method, uri) (increase(" + HTTP_COUNT + "[$window])) >= " + MIN_REQUESTS)
                .seriesLabels("method, uri")
                .build();
    }

    /** Share of 5xx responses: {@code serverErrorRateWarning} / {@code serverErrorRateCritical}. */
    public static HealthRule serverErrorRate(PerfMonConfig config) {
        return HealthRule.builder("http.server.error.rate")
                .description("server error rate (5xx)")
                .above(config.serverErrorRateWarning(), config.serverErrorRateCritical())
                .unit(RuleUnit.RATIO)
                .query(RuleQuery.single(w -> statusShare(w, all(), STATUS_5XX)))
                .promQl("(sum(rate(" + HTTP_COUNT + "{status=~\"" + STATUS_5XX + "\"}[$window])) or vector(0))"
                        + " / sum(rate(" + HTTP_COUNT + "[$window]))")
                .promGuard("sum(increase(" + HTTP_COUNT + "[$window])) >= " + MIN_REQUESTS)
                .build();
    }

    /** Process CPU averaged over 1 min, held for 2 min: {@code cpuWarning} / {@code cpuCritical}. */
    public static HealthRule cpu(PerfMonConfig config) {
        return HealthRule.builder("process.cpu")
                .description("process CPU")
                .above(config.cpuWarning(), config.cpuCritical())
                .unit(RuleUnit.RATIO)
                .window(Duration.ofMinutes(1))
                .forDuration(Duration.ofMinutes(2))
                .query(RuleQuery.single(w -> w.gaugeAverage(Meters.CPU, all())))
                .promQl("avg_over_time(process_cpu_usage[$window])")
                .seriesLabels("instance")
                .build();
    }

    /** Heap used over the heap pools' maximum, averaged over 5 min and held for 5 min: {@code heapWarning} / {@code heapCritical}. */
    public static HealthRule heap(PerfMonConfig config) {
        return HealthRule.builder("jvm.heap.usage")
                .description("heap usage")
                .above(config.heapWarning(), config.heapCritical())
                .unit(RuleUnit.RATIO)
                .forDuration(Duration.ofMinutes(5))
                .query(RuleQuery.single(HealthRules::heapShare))
                .promQl("sum by (instance) (avg_over_time(jvm_memory_used_bytes{area=\"heap\"}[$window]))"
                        + " / sum by (instance) (jvm_memory_max_bytes{area=\"heap\"} > 0)")
                .seriesLabels("instance")
                .build();
    }

    /**
     * Most threads seen waiting for a connection within 1 min, per pool, while that pool was
     * full: more than {@code poolWaitingWarning} / {@code poolWaitingCritical}.
     */
    public static HealthRule poolWaiting(PerfMonConfig config) {
        return HealthRule.builder("hikaricp.pool.waiting")
                .description("threads waiting for a connection of a full pool")
                .above(config.poolWaitingWarning(), config.poolWaitingCritical())
                .unit(RuleUnit.COUNT)
                .window(Duration.ofMinutes(1))
                .query(HealthRules::poolWaiters)
                .promQl("max by (instance, pool) (max_over_time(hikaricp_connections_pending[$window]))")
                .promGuard("max by (instance, pool) (max_over_time(hikaricp_connections_active[$window]))"
                        + " >= max by (instance, pool) (hikaricp_connections_max)")
                .seriesLabels("instance, pool")
                .build();
    }

    /** Connection acquisitions that timed out within 5 min, per pool: critical at the first, at once. */
    public static HealthRule poolTimeouts() {
        return HealthRule.builder("hikaricp.pool.timeouts")
                .description("connection timeouts")
                .above(Double.NaN, 0)
                .unit(RuleUnit.COUNT)
                .forDuration(Duration.ZERO)
                .query(perTag(Meters.POOL_TIMEOUT, "pool", (w, pool) -> w.increase(Meters.POOL_TIMEOUT, pool)))
                .promQl("sum by (instance, pool) (increase(hikaricp_connections_timeout_total[$window]))")
                .seriesLabels("instance, pool")
                .build();
    }

    /** Hit ratio per cache over 5 min, held for 2 min: warning under {@code cacheHitRatioFloor}. */
    public static HealthRule cacheHitRatio(PerfMonConfig config) {
        return HealthRule.builder("cache.hit.ratio")
                .description("cache hit ratio")
                .below(config.cacheHitRatioFloor(), Double.NaN)
                .unit(RuleUnit.RATIO)
                .forDuration(Duration.ofMinutes(2))
                .query(perTag(Meters.CACHE_GETS, "cache", (w, cache) -> {
                    double gets = w.increase(Meters.CACHE_GETS, cache);
                    return gets >= MIN_CACHE_GETS
                            ? w.increase(Meters.CACHE_GETS, cache.and(tags("result", "hit"))) / gets : Double.NaN;
                }))
                .promQl("(sum by (cache) (rate(cache_gets_total{result=\"hit\"}[$window]))"
                        + " or sum by (cache) (rate(cache_gets_total[$window])) * 0)"
                        + " / sum by (cache) (rate(cache_gets_total[$window]))")
                .promGuard("sum by (cache) (increase(cache_gets_total[$window])) >= " + MIN_CACHE_GETS)
                .seriesLabels("cache")
                .build();
    }

    // ---- shared arithmetic ---------------------------------------------------------------

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static boolean enoughRequests(MetricWindow w, Predicate<Meter.Id> route) {
        return w.increase(Meters.HTTP, route) >= MIN_REQUESTS;
    }

    private static double statusShare(MetricWindow w, Predicate<Meter.Id> route, String statusRegex) {
        double all = w.increase(Meters.HTTP, route);
        if (all < MIN_REQUESTS) {
            return Double.NaN;
        }
        return w.increase(Meters.HTTP, route.and(tagMatches("status", statusRegex))) / all;
    }

    private static double heapShare(MetricWindow w) {
        Predicate<Meter.Id> heap = tags("area", "heap");
        double max = 0;
        for (List<String> pool : w.groups(Meters.MEMORY_MAX, heap, "id")) {
            double poolMax = w.gauge(Meters.MEMORY_MAX, heap.and(tags("id", pool.get(0))));
            if (poolMax > 0) {
                max += poolMax;
            }
        }
        double used = w.gaugeAverage(Meters.MEMORY_USED, heap);
        return max > 0 ? used / max : Double.NaN;
    }

    private static Map<String, Double> poolWaiters(MetricWindow w) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (List<String> group : w.groups(Meters.POOL_PENDING, all(), "pool")) {
            Predicate<Meter.Id> pool = tags("pool", group.get(0));
            double waiting = w.gaugeMax(Meters.POOL_PENDING, pool);
            double peakActive = w.gaugeMax(Meters.POOL_ACTIVE, pool);
            double size = w.gauge(Meters.POOL_MAX, pool);
            boolean full = !Double.isNaN(peakActive) && !Double.isNaN(size) && peakActive >= size;
            values.put(group.get(0), Double.isNaN(waiting) ? Double.NaN : full ? waiting : 0);
        }
        return values;
    }

    /** A query with one series per {@code method uri} of {@code http.server.requests}. */
    static RuleQuery perRoute(RouteValue value) {
        return w -> {
            Map<String, Double> values = new LinkedHashMap<>();
            for (List<String> group : w.groups(Meters.HTTP, all(), "method", "uri")) {
                Predicate<Meter.Id> route = tags("method", group.get(0), "uri", group.get(1));
                values.put(Meters.route(group.get(0), group.get(1)), value.apply(w, route));
            }
            return values;
        };
    }

    /** A query with one series per value of one tag of one meter. */
    static RuleQuery perTag(String meter, String tag, RouteValue value) {
        return w -> {
            Map<String, Double> values = new LinkedHashMap<>();
            for (List<String> group : w.groups(meter, all(), tag)) {
                values.put(group.get(0), value.apply(w, tags(tag, group.get(0))));
            }
            return values;
        };
    }

    /** A value computed for the series a predicate selects. */
    @FunctionalInterface
    interface RouteValue {
        double apply(MetricWindow window, Predicate<Meter.Id> series);
    }
}
