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
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.LatencySummary;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.RouteSummary;
import dev.perfmon.core.report.SloCheck;
import dev.perfmon.core.report.spi.Diagnosis;
import dev.perfmon.core.report.spi.FindingCounter;
import io.micrometer.core.instrument.Meter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
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
     * @param diagnoses the PerfMon's registered diagnoses
     * @param failures where a diagnosis's failure is counted, by component
     */
    public static PerfReport assemble(SnapshotWindow window, Instant generatedAt, Instant periodStart,
                                      Duration period, boolean sinceStart, PerfMonConfig config,
                                      FindingLog.Result stored, List<RuleStatus> health, boolean healthFromMonitor,
                                      List<Diagnosis> diagnoses, BiConsumer<String, Throwable> failures) {
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
        List<FindingCounter> counters = Contributions.counters(diagnoses, failures);
        List<Finding> findings = FindingCounts.apply(stored.findings(), counters, window);
        if (stored.dropped() > 0) {
            notes.add(stored.dropped() + " older events fell out of the finding store; counts in the window"
                    + (counters.isEmpty() ? " are incomplete" : " are exact for " + kinds(counters)
                    + " (from their counters) and incomplete for other kinds"));
        }
        ReportContext context = new ReportContext(config, window, totals, routes, breakdown, findings, stored.events(),
                window.sumIncrease(Meters.HTTP, all()));
        Contributions contributed = Contributions.collect(diagnoses, context, failures);
        Set<String> explained = new HashSet<>();
        for (Diagnosis d : diagnoses) {
            explained.addAll(segments(d, failures));
        }
        List<RuleStatus> sortedHealth = new ArrayList<>(health);
        sortedHealth.sort(Comparator.comparing((RuleStatus s) -> s.state().level()).reversed()
                .thenComparing(RuleStatus::rule).thenComparing(RuleStatus::series));

        return PerfReport.builder()
                .period(generatedAt, periodStart, window.end(), period, sinceStart)
                .traffic(totals, routes, slos)
                .breakdown(breakdown)
                .caches(contributed.cacheTotals, contributed.caches)
                .pools(contributed.pools)
                .findings(findings, stored.dropped())
                .health(sortedHealth, healthFromMonitor)
                .bottlenecks(BottleneckRanker.rank(config, context, contributed.candidates, explained))
                .notes(notes)
                .build();
    }

    private static Set<String> segments(Diagnosis d, BiConsumer<String, Throwable> failures) {
        try {
            return d.segments();
        } catch (RuntimeException | LinkageError failure) {
            failures.accept(Contributions.COMPONENT_PREFIX + d.name(), failure);
            return Set.of();
        }
    }

    private static String kinds(List<FindingCounter> counters) {
        Set<String> kinds = new java.util.LinkedHashSet<>();
        for (FindingCounter c : counters) {
            kinds.add(c.kind());
        }
        return String.join(", ", kinds);
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

    private static RouteBreakdown routeBreakdown(MetricWindow w, String scopeRoute, Predicate<Meter.Id> scoped,
                                                 Predicate<Meter.Id> http) {
        // Most time first (then by name), so rows keep one order whatever the registry's.
        List<Map.Entry<String, Double>> recorded = new ArrayList<>();
        for (List<String> g : w.groups(Meters.SEGMENT, scoped, "segment")) {
            if (!Segment.OTHER.name().equals(g.get(0))) {
                recorded.add(Map.entry(g.get(0), w.sumIncrease(Meters.SEGMENT, scoped.and(tags("segment", g.get(0))))));
            }
        }
        recorded.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Double> segmentSeconds = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : recorded) {
            segmentSeconds.put(e.getKey(), e.getValue());
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
        return new RouteBreakdown(scopeRoute, requests, requestSeconds, percent, segmentSeconds, other, statements,
                statementsMax);
    }

    /** @return the worst state among statuses */
    static HealthState worst(List<RuleStatus> statuses) {
        HealthState worst = HealthState.OK;
        for (RuleStatus s : statuses) {
            worst = worst.worst(s.state());
        }
        return worst;
    }
}
