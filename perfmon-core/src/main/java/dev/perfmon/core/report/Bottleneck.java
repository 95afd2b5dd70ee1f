package dev.perfmon.core.report;

import dev.perfmon.core.internal.Require;

/**
 * A likely bottleneck, ranked by {@link #score()}: roughly the share of all request time it
 * explains (0..1), discounted for generic diagnoses and raised by corroborating findings.
 *
 * @param rank 1 for the most likely
 * @param kind core's {@code latency}, {@code errors}, {@code cpu}, {@code heap} or the name of a
 *     segment no diagnosis explains; otherwise a kind a module's diagnosis contributes (each module
 *     documents its own)
 * @param route the route to look at first, or {@code none}
 * @param score the ranking score
 * @param reason one line in numbers, such as {@code GET /compute: p99 600 ms > SLO 400 ms; 100 % of
 *     time outside the timed segments}
 * @param action the suggested next step
 */
public record Bottleneck(int rank, String kind, String route, double score, String reason, String action) {

    public Bottleneck {
        Require.nonNull("kind, route, reason, action", kind, route, reason, action);
    }
}
