package dev.perfmon.core.health;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.internal.Require;

import java.time.Instant;

/**
 * A rule's verdict on a series changed: it fired (OK to WARNING or CRITICAL), escalated,
 * de-escalated, or resolved (back to OK). Severity follows the new state, INFO on resolve.
 *
 * @param rule the rule name
 * @param series the series, such as {@code GET /posts}, or {@link RuleQuery#ALL}
 * @param previous the state before
 * @param current the state now
 * @param value the value at the change
 * @param threshold the threshold of the new state (of the previous one on resolve)
 * @param timestamp when the change was evaluated
 * @param summary the rule's one-line summary with numbers
 */
public record HealthChanged(String rule, String series, HealthState previous, HealthState current, double value,
                            double threshold, Instant timestamp, String summary) implements PerfMonEvent {

    /** The {@link #kind()} of every health change. */
    public static final String KIND = "health";

    public HealthChanged {
        Require.nonNull("rule, series, previous, current, timestamp, summary",
                rule, series, previous, current, timestamp, summary);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** @return the series when it is a route ({@code METHOD uri}), otherwise {@code none} */
    @Override
    public String route() {
        return series.indexOf(' ') > 0 && series.indexOf('/') > 0 ? series : "none";
    }

    @Override
    public Severity severity() {
        return current.severity();
    }

    /** @return the rule, so the default log keeps one line per rule and series, not one for every rule */
    @Override
    public String logKey() {
        return rule;
    }

    /** @return whether this change is a resolve (back to OK) */
    public boolean resolved() {
        return current == HealthState.OK;
    }
}
