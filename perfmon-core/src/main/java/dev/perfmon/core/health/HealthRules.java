package dev.perfmon.core.health;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.internal.ContributedRules;
import dev.perfmon.core.health.internal.Meters;
import io.micrometer.core.instrument.Meter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.perfmon.core.health.MetricWindow.all;
import static dev.perfmon.core.health.MetricWindow.tagMatches;
import static dev.perfmon.core.health.MetricWindow.tags;

/**
 * Core's built-in rules, with thresholds from {@link PerfMonConfig} (the mission's defaults:
 * p99 300 ms warning / 400 ms SLO, success ratio 99 %, error rate 5 % / 10 %, CPU 70 % / 90 %
 * sustained, heap 85 % / 95 %). Each reads the metric contract's meters and carries the
 * matching PromQL, with {@code $window} standing for the rule's window. Adjust one with
 * {@code toBuilder()}. Rules over other modules' meters (pool waiters and timeouts, cache hit
 * ratio) come from those modules' diagnoses ({@link dev.perfmon.core.report.spi.Diagnosis#healthRules});
 * {@link #defaults(PerfMon)} adds them.
 */
public final class HealthRules {

    /** Requests a window needs before the HTTP ratio and latency rules judge it (PromQL guard included). */
    public static final int MIN_REQUESTS = 10;

    private static final String HTTP_COUNT = "http_server_requests_seconds_count";
    private static final String HTTP_BUCKET = "http_server_requests_seconds_bucket";
    private static final String HTTP_MAX = "http_server_requests_seconds_max";
    private static final String STATUS_2XX = "2..";
    private static final String STATUS_ERROR = "4..|5..";
    private static final String STATUS_5XX = "5..";

    private HealthRules() {
    }

    /** @return core's built-in rules with the configuration's thresholds */
    public static List<HealthRule> defaults(PerfMonConfig config) {
        return List.of(latencyP99(config), latencyP99PerRoute(config), successRatio(config), errorRate(config),
                errorRatePerRoute(config), serverErrorRate(config), cpu(config), heap(config));
    }

    /**
     * @return core's built-in rules with {@code perfMon.config()}'s thresholds, followed by the
     *     rules the diagnoses registered with {@code perfMon} so far contribute (a contributed
     *     rule whose query throws yields no value and is counted under component
     *     {@code health-rule.<diagnosis name>})
     */
    public static List<HealthRule> defaults(PerfMon perfMon) {
        List<HealthRule> rules = new ArrayList<>(defaults(perfMon.config()));
        rules.addAll(new ContributedRules(perfMon).current());
        return List.copyOf(rules);
    }

    /**
     * p99 of all requests, never above the window's slowest request: warning above
     * {@code latencyWarning}, critical above {@code latencySlo}.
     */
    public static HealthRule latencyP99(PerfMonConfig config) {
        return latency("http.latency.p99", Scope.ALL, config);
    }

    /** p99 per route ({@code method uri}), same thresholds as {@link #latencyP99}. */
    public static HealthRule latencyP99PerRoute(PerfMonConfig config) {
        return latency("http.latency.p99.route", Scope.ROUTE, config);
    }

    /** Share of 2xx responses: critical under {@code successRatioSlo}. */
    public static HealthRule successRatio(PerfMonConfig config) {
        return statusShare("http.success.ratio", "success ratio (2xx)", STATUS_2XX, Scope.ALL)
                .below(Double.NaN, config.successRatioSlo()).build();
    }

    /** Share of 4xx and 5xx responses: {@code errorRateWarning} / {@code errorRateCritical}. */
    public static HealthRule errorRate(PerfMonConfig config) {
        return statusShare("http.error.rate", "error rate (4xx+5xx)", STATUS_ERROR, Scope.ALL)
                .above(config.errorRateWarning(), config.errorRateCritical()).build();
    }

    /** {@link #errorRate} per route. */
    public static HealthRule errorRatePerRoute(PerfMonConfig config) {
        return statusShare("http.error.rate.route", "error rate (4xx+5xx)", STATUS_ERROR, Scope.ROUTE)
                .above(config.errorRateWarning(), config.errorRateCritical()).build();
    }

    /** Share of 5xx responses: {@code serverErrorRateWarning} / {@code serverErrorRateCritical}. */
    public static HealthRule serverErrorRate(PerfMonConfig config) {
        return statusShare("http.server.error.rate", "server error rate (5xx)", STATUS_5XX, Scope.ALL)
                .above(config.serverErrorRateWarning(), config.serverErrorRateCritical()).build();
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

    // ---- the HTTP rules' shapes ----------------------------------------------------------

    /** Whether an HTTP rule judges all requests together or each route on its own. */
    private enum Scope {
        ALL(""),
        ROUTE("method, uri");

        final String labels;

        Scope(String labels) {
            this.labels = labels;
        }

        /** @return a PromQL aggregation over this scope's series: {@code sum} or {@code sum by (method, uri) } */
        String aggregate(String operator) {
            return labels.isEmpty() ? operator : operator + " by (" + labels + ") ";
        }

        RuleQuery query(RuleQuery.SeriesValue value) {
            return this == ALL ? RuleQuery.single(w -> value.apply(w, all())) : perRoute(value);
        }
    }

    /** An HTTP rule with the minimum-traffic guard of its scope. */
    private static HealthRule.Builder http(String name, String description, RuleUnit unit, Scope scope) {
        return HealthRule.builder(name)
                .description(description)
                .unit(unit)
                .promGuard(scope.aggregate("sum") + "(increase(" + HTTP_COUNT + "[$window])) >= " + MIN_REQUESTS)
                .seriesLabels(scope.labels);
    }

    /**
     * The p99 clamped to the window's highest recorded maximum: interpolation inside a wide
     * bucket can land past the slowest request, and the report's tables clamp the same way. The
     * PromQL keeps the quantile where it is at most the maximum, the maximum where it is not, and
     * the quantile alone where no maximum is exported.
     */
    private static HealthRule latency(String name, Scope scope, PerfMonConfig config) {
        String buckets = scope == Scope.ALL ? "le" : "le, " + scope.labels;
        String quantile = "histogram_quantile(0.99, sum by (" + buckets + ") (rate(" + HTTP_BUCKET + "[$window])))";
        String max = scope.aggregate("max") + "(max_over_time(" + HTTP_MAX + "[$window]))";
        return http(name, "p99 latency", RuleUnit.SECONDS, scope)
                .above(seconds(config.latencyWarning()), seconds(config.latencySlo()))
                .query(scope.query((w, route) -> enoughRequests(w, route) ? p99(w, route) : Double.NaN))
                .promQl("(" + quantile + " <= " + max + ") or " + max + " or " + quantile)
                .build();
    }

    /** The share of responses whose status matches, with the scope's guard. */
    private static HealthRule.Builder statusShare(String name, String description, String statusRegex, Scope scope) {
        String all = scope.aggregate("sum") + "(rate(" + HTTP_COUNT + "[$window]))";
        String none = scope == Scope.ALL ? "vector(0)" : all + " * 0";
        return http(name, description, RuleUnit.RATIO, scope)
                .query(scope.query((w, route) -> statusShare(w, route, statusRegex)))
                .promQl("(" + scope.aggregate("sum") + "(rate(" + HTTP_COUNT + "{status=~\"" + statusRegex
                        + "\"}[$window])) or " + none + ") / " + all);
    }

    // ---- shared arithmetic ---------------------------------------------------------------

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static boolean enoughRequests(MetricWindow w, Predicate<Meter.Id> route) {
        return w.increase(Meters.HTTP, route) >= MIN_REQUESTS;
    }

    /** The window's p99, never above the highest maximum the timers reported in it. */
    static double p99(MetricWindow w, Predicate<Meter.Id> route) {
        double quantile = w.quantile(0.99, Meters.HTTP, route);
        double max = w.maxReported(Meters.HTTP, route);
        return Double.isNaN(max) || !(quantile > max) ? quantile : max;
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

    /** A query with one series per {@code method uri} of {@code http.server.requests}. */
    static RuleQuery perRoute(RuleQuery.SeriesValue value) {
        return w -> {
            Map<String, Double> values = new LinkedHashMap<>();
            for (List<String> group : w.groups(Meters.HTTP, all(), "method", "uri")) {
                Predicate<Meter.Id> route = tags("method", group.get(0), "uri", group.get(1));
                values.put(Meters.route(group.get(0), group.get(1)), value.apply(w, route));
            }
            return values;
        };
    }
}
