package dev.perfmon.core.report.internal;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.RouteSummary;
import dev.perfmon.core.report.spi.DiagnosisContext;

import java.util.List;

/** What the assembler has computed, handed to every diagnosis. */
record ReportContext(PerfMonConfig config, MetricWindow window, RouteSummary totals, List<RouteSummary> routes,
                     List<RouteBreakdown> breakdown, List<Finding> findings, List<PerfMonEvent> events,
                     double totalRequestSeconds) implements DiagnosisContext {

    @Override
    public RouteSummary route(String route) {
        for (RouteSummary r : routes) {
            if (r.route().equals(route) || r.uri().equals(route)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public long findingCount(String kind, String route) {
        long n = 0;
        for (Finding f : findings) {
            if (f.kind().equals(kind) && (route == null || f.route().equals(route))) {
                n += f.count();
            }
        }
        return n;
    }
}
