package dev.perfmon.core.report.internal;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.Segment;
import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.health.internal.Meters;
import dev.perfmon.core.report.Bottleneck;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.RouteSummary;
import dev.perfmon.core.report.spi.BottleneckCandidate;
import dev.perfmon.core.report.spi.ReportFormat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.perfmon.core.health.MetricWindow.all;
import static dev.perfmon.core.health.MetricWindow.tags;

/**
 * Ranks likely bottlenecks: the candidates the modules' diagnoses contributed and core's own. Each candidate's score approximates the share of all
 * request time it explains, so candidates across routes and modules compare:
 * <ul>
 * <li>a segment no diagnosis explains is a generic candidate, discounted to
 *     {@value #GENERIC} and made only for routes whose p99 is past the latency warning: a fast
 *     route spending most of its time in one place is not a bottleneck;</li>
 * <li>unexplained latency (time outside every segment) is discounted to {@value #UNEXPLAINED};</li>
 * <li>CPU, heap and errors, which are not time shares, get fixed weights below those of a
 *     dominant time share.</li>
 * </ul>
 */
final class BottleneckRanker {

    /** The kinds of core's own candidates; a generic segment candidate is named after its segment. */
    static final String LATENCY = "latency";
    static final String ERRORS = "errors";
    static final String CPU = "cpu";
    static final String HEAP = "heap";
    private static final String NO_ROUTE = "none";

    /** Candidates under this score are not worth listing. */
    static final double MIN_SCORE = 0.05;
    static final int MAX_BOTTLENECKS = 10;
    /** A slow route spending this share of its time in one segment makes the segment a candidate. */
    static final double SEGMENT_PERCENT = 20;

    private static final double GENERIC = 0.8;
    private static final double UNEXPLAINED = 0.6;

    private BottleneckRanker() {
    }

    static List<Bottleneck> rank(PerfMonConfig config, ReportContext context, List<BottleneckCandidate> contributed,
                                 Set<String> explainedSegments) {
        List<BottleneckCandidate> candidates = new ArrayList<>(contributed);
        MetricWindow window = context.window();
        double total = context.totalRequestSeconds();
        for (RouteBreakdown b : context.breakdown()) {
            if (!(b.requestSeconds() > 0) || !(total > 0)) {
                continue;
            }
            RouteSummary route = context.route(b.route());
            boolean slow = route != null && route.latency().p99Ms() > config.latencyWarning().toNanos() / 1e6;
            if (slow) {
                segments(b, explainedSegments, total, candidates);
            }
            double slo = config.latencySlo().toNanos() / 1e6;
            if (route != null && route.latency().p99Ms() > slo && b.otherPercent() >= 50) {
                double other = b.requestSeconds() * b.otherPercent() / 100;
                candidates.add(new BottleneckCandidate(LATENCY, b.route(), UNEXPLAINED * other / total,
                        b.route() + ": p99 " + ReportFormat.ms(route.latency().p99Ms()) + " > SLO " + ReportFormat.ms(slo) + "; "
                                + ReportFormat.pct(b.otherPercent()) + " of time outside the timed segments",
                        "profile the route's own code (CPU, locks, remote calls not timed as segments)"));
            }
        }
        RouteSummary totals = context.totals();
        for (RouteSummary route : context.routes()) {
            if (route.requests() >= 10 && route.errorRate() > config.errorRateWarning()) {
                double requestShare = totals.requests() > 0 ? (double) route.requests() / totals.requests() : 0;
                candidates.add(new BottleneckCandidate(ERRORS, route.route(),
                        0.5 * route.errorRate() * requestShare + 0.05,
                        route.route() + ": " + ReportFormat.pct(route.errorRate() * 100) + " errors (5xx "
                                + ReportFormat.pct(route.serverErrorRate() * 100) + ") of " + route.requests() + " requests",
                        "read the exception logs of this route; check the failing dependency"));
            }
        }
        double cpu = window.gaugeAverage(Meters.CPU, all());
        if (cpu >= config.cpuWarning()) {
            candidates.add(new BottleneckCandidate(CPU, NO_ROUTE, 0.7 * cpu,
                    "process CPU " + ReportFormat.pct(cpu * 100) + " on average, " + ReportFormat.pct(window.gaugeMax(Meters.CPU, all()) * 100)
                            + " at peak",
                    "profile the hot paths (async-profiler, JFR), cut per-request work, or scale out"));
        }
        double heap = heapShare(window);
        if (heap >= config.heapWarning()) {
            candidates.add(new BottleneckCandidate(HEAP, NO_ROUTE, 0.5 * heap,
                    "heap " + ReportFormat.pct(heap * 100) + " of its maximum on average",
                    "check for caches or queues growing without bound (heap dump), then size -Xmx"));
        }
        candidates.sort(Comparator.comparingDouble(BottleneckCandidate::score).reversed()
                .thenComparing(BottleneckCandidate::kind).thenComparing(BottleneckCandidate::route));
        List<Bottleneck> result = new ArrayList<>();
        for (BottleneckCandidate c : candidates) {
            if (!(c.score() >= MIN_SCORE) || result.size() == MAX_BOTTLENECKS) {
                break;
            }
            result.add(new Bottleneck(result.size() + 1, c.kind(), c.route(), round(c.score()), c.reason(), c.action()));
        }
        return result;
    }

    /** Time in a segment no diagnosis explains, on a slow route: named after the segment. */
    private static void segments(RouteBreakdown b, Set<String> explained, double total,
                                 List<BottleneckCandidate> candidates) {
        for (Map.Entry<String, Double> s : b.segmentSeconds().entrySet()) {
            String segment = s.getKey();
            double percent = b.segmentPercent().getOrDefault(segment, Double.NaN);
            if (explained.contains(segment) || Segment.OTHER.name().equals(segment) || !(percent >= SEGMENT_PERCENT)) {
                continue;
            }
            candidates.add(new BottleneckCandidate(segment, b.route(), GENERIC * s.getValue() / total,
                    b.route() + ": " + ReportFormat.pct(percent) + " of time in " + segment,
                    "look at what the " + segment + " segment times: the latency of each call, the calls per"
                            + " request, and whether they can be batched or kept in process"));
        }
    }

    private static double heapShare(MetricWindow w) {
        double max = 0;
        for (List<String> area : w.groups(Meters.MEMORY_MAX, tags("area", "heap"), "id")) {
            double areaMax = w.gauge(Meters.MEMORY_MAX, tags("area", "heap", "id", area.get(0)));
            if (areaMax > 0) {
                max += areaMax;
            }
        }
        return max > 0 ? w.gaugeAverage(Meters.MEMORY_USED, tags("area", "heap")) / max : Double.NaN;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
