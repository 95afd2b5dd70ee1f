package dev.perfmon.core.report.spi;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.RouteSummary;

import java.util.List;

/**
 * What a {@link Diagnosis} reads: the report's window of meters and the numbers core computed
 * from it (routes, where their time went, findings with exact counts for counted kinds).
 */
public interface DiagnosisContext {

    /** @return the thresholds and objectives of the PerfMon */
    PerfMonConfig config();

    /** @return the meters' activity over the report's period, with PromQL's arithmetic */
    MetricWindow window();

    /** @return the totals over every route */
    RouteSummary totals();

    /** @return one summary per route, busiest first */
    List<RouteSummary> routes();

    /** @return the summary of a route by its name ({@code GET /posts/{id}}) or its uri, null if none */
    RouteSummary route(String route);

    /** @return where each route's time went, busiest first */
    List<RouteBreakdown> breakdown();

    /** @return the findings of the period (counted kinds exact, others as far as the store holds them) */
    List<Finding> findings();

    /**
     * @param route a route name, or null for every route
     * @return how many findings of {@code kind} the period has on that route
     */
    long findingCount(String kind, String route);

    /**
     * @return the events of the period the bounded store still holds, oldest first: for facts
     *     an event carries beyond its kind, route and summary; may miss events when it overflowed
     */
    List<PerfMonEvent> events();

    /** @return the time of every request of the period together, in seconds: the denominator of scores */
    double totalRequestSeconds();
}
