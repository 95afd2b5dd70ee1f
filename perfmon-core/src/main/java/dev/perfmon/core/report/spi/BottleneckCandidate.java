package dev.perfmon.core.report.spi;

import java.util.Objects;

/**
 * A possible bottleneck before ranking. Scores compare across modules, so a diagnosis scores
 * a candidate as the share of all request time it explains (0..1, see
 * {@link DiagnosisContext#totalRequestSeconds()}), discounted where the diagnosis is generic;
 * candidates under 0.05 are not listed.
 *
 * @param kind a short fixed identifier, such as {@code pool.wait}; a constant of the module
 * @param route the route to look at first, or {@code none}
 * @param score the share of request time explained
 * @param reason one line in numbers
 * @param action the suggested next step
 */
public record BottleneckCandidate(String kind, String route, double score, String reason, String action) {

    public BottleneckCandidate {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(action, "action");
    }
}
