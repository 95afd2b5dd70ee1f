package dev.perfmon.core.health;

import dev.perfmon.core.internal.Require;

import java.time.Instant;

/**
 * The current verdict of one rule on one series.
 *
 * @param rule the rule's name, such as {@code http.latency.p99.route}
 * @param series the series, such as {@code GET /posts}, or {@link RuleQuery#ALL}
 * @param state the verdict, after the rule's "for" duration
 * @param value the latest value (NaN for no data)
 * @param unit how the value reads, for rendering
 * @param warning the warning threshold (NaN if none)
 * @param critical the critical threshold (NaN if none)
 * @param since when the series entered {@code state} (the first evaluation if always so)
 * @param summary one line with the numbers, such as {@code GET /posts: p99 612 ms > 400 ms}
 */
public record RuleStatus(String rule, String series, HealthState state, double value, RuleUnit unit,
                         double warning, double critical, Instant since, String summary) {

    public RuleStatus {
        Require.nonNull("rule, series, state, unit, since, summary", rule, series, state, unit, since, summary);
    }
}
