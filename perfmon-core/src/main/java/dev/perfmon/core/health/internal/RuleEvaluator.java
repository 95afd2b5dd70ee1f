package dev.perfmon.core.health.internal;

import dev.perfmon.core.health.HealthRule;
import dev.perfmon.core.health.HealthState;
import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.health.RuleStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Applies rules to one window without history: the verdict each value calls for, ignoring "for". */
public final class RuleEvaluator {

    private RuleEvaluator() {
    }

    /** @return the rule's values per series; empty (and the failure reported) when its query throws */
    public static Map<String, Double> values(HealthRule rule, MetricWindow window, BiConsumer<String, Throwable> failures) {
        try {
            Map<String, Double> values = rule.query().evaluate(window);
            return values == null ? Collections.emptyMap() : values;
        } catch (RuntimeException failure) {
            failures.accept("health-rule", failure);
            return Collections.emptyMap();
        }
    }

    /** @return one status per rule and series, stamped {@code now} */
    public static List<RuleStatus> once(List<HealthRule> rules, MetricWindow window, Instant now,
                                        BiConsumer<String, Throwable> failures) {
        List<RuleStatus> statuses = new ArrayList<>();
        for (HealthRule rule : rules) {
            for (Map.Entry<String, Double> e : values(rule, window, failures).entrySet()) {
                double value = e.getValue() == null ? Double.NaN : e.getValue();
                HealthState state = rule.classify(value);
                statuses.add(new RuleStatus(rule.name(), e.getKey(), state, value, rule.unit(), rule.warning(),
                        rule.critical(), now, rule.summarize(e.getKey(), value, state)));
            }
        }
        return statuses;
    }
}
