package dev.perfmon.core.report;

import java.util.Objects;

/**
 * A likely bottleneck, ranked by {@link #score()}: roughly the share of all request time it
 * explains (0..1), discounted for generic diagnoses and raised by corroborating findings.
 *
 * @param rank 1 for the most likely
 * @param kind {@code pool.wait}, {@code nplusone}, {@code sql}, {@code redis}, {@code cache.miss},
 *     {@code latency}, {@code errors}, {@code cpu}, {@code heap}, {@code pool.timeouts}
 * @param route the route to look at first (for {@code pool.wait} the route holding the connections),
 *     or {@code none}
 * @param score the ranking score
 * @param reason one line in numbers, such as {@code pool main: 20/20 busy, 37 waiting; connections held by
 *     GET /reports; 61 % of request time waiting for a pooled connection; ...}
 * @param action the suggested next step
 */
public record Bottleneck(int rank, String kind, String route, double score, String reason, String action) {

    public Bottleneck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(action, "action");
    }
}
