package dev.perfmon.core.report;

import dev.perfmon.core.health.RuleUnit;
import dev.perfmon.core.internal.Require;

/**
 * One objective measured over the report's window.
 *
 * @param objective {@code p99 latency}, {@code success ratio}, {@code error rate} or {@code server error rate}
 * @param route the route, or {@code all}
 * @param target the objective (seconds or a ratio, see {@code unit})
 * @param actual the measured value (NaN without requests)
 * @param unit how target and actual read
 * @param met whether the objective holds (true without data: nothing breached it)
 */
public record SloCheck(String objective, String route, double target, double actual, RuleUnit unit, boolean met) {

    public SloCheck {
        Require.nonNull("objective, route, unit", objective, route, unit);
    }
}
