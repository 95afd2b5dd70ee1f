package dev.perfmon.core.report.internal;

import dev.perfmon.core.RouteName;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.spi.FindingCounter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.perfmon.core.health.MetricWindow.all;
import static dev.perfmon.core.health.MetricWindow.tags;

/**
 * Exact windowed counts for the finding kinds a module counts with a counter: the counter's
 * increase over the window (PromQL {@code increase}, summed over its other tags) replaces what
 * the bounded finding store still holds, which misses events once it overflows. A counter with
 * route tags sets the count per route; one without sets the kind's total, the part the store no
 * longer holds going to route {@code none}. A count is never lowered below what the store holds
 * (an event published after the window's last sample is in the store, not yet in the counter).
 */
final class FindingCounts {

    static final String NO_ROUTE = "none";

    private FindingCounts() {
    }

    static List<Finding> apply(List<Finding> stored, List<FindingCounter> counters, MetricWindow window) {
        if (counters.isEmpty()) {
            return stored;
        }
        List<Finding> result = new ArrayList<>(stored);
        for (FindingCounter counter : counters) {
            Set<List<String>> routes = window.groups(counter.meter(), all(), "method", "uri");
            if (routes.isEmpty()) {
                continue;
            }
            if (routes.stream().allMatch(g -> !g.get(1).isEmpty())) {
                for (List<String> g : routes) {
                    long n = Math.round(window.increase(counter.meter(), tags("method", g.get(0), "uri", g.get(1))));
                    raise(result, counter, RouteName.fromTags(g.get(0), g.get(1)), n, window);
                }
            } else {
                long total = Math.round(window.increase(counter.meter(), all()));
                long held = 0;
                for (Finding f : result) {
                    held += f.kind().equals(counter.kind()) && !f.route().equals(NO_ROUTE) ? f.count() : 0;
                }
                raise(result, counter, NO_ROUTE, total - held, window);
            }
        }
        FindingLog.order(result);
        return result;
    }

    /** Sets the count of one kind on one route to at least {@code n}, adding a finding when the store holds none. */
    private static void raise(List<Finding> findings, FindingCounter counter, String route, long n, MetricWindow window) {
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.kind().equals(counter.kind()) && f.route().equals(route)) {
                if (n > f.count()) {
                    findings.set(i, new Finding(f.kind(), f.route(), f.severity(), n, f.firstSeen(), f.lastSeen(),
                            f.summary()));
                }
                return;
            }
        }
        if (n > 0) {
            Instant start = window.start();
            findings.add(new Finding(counter.kind(), route, worst(findings, counter.kind()), n, start, window.end(),
                    n + " counted by " + counter.meter() + "; their details fell out of the finding store"));
        }
    }

    private static Severity worst(List<Finding> findings, String kind) {
        Severity worst = null;
        for (Finding f : findings) {
            if (f.kind().equals(kind) && (worst == null || f.severity().ordinal() > worst.ordinal())) {
                worst = f.severity();
            }
        }
        return worst == null ? Severity.WARNING : worst;
    }
}
