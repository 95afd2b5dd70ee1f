package dev.perfmon.core.health;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Computes a rule's values over a window: one value per series (such as {@code GET /posts}),
 * or a single value under {@link #ALL}. NaN means "no data" (too little traffic, meter absent)
 * and never fires.
 */
@FunctionalInterface
public interface RuleQuery {

    /** The series name of a rule that yields one value. */
    String ALL = "all";

    /** @return series name to value, in a stable order */
    Map<String, Double> evaluate(MetricWindow window);

    /** @return a query yielding one value under {@link #ALL} */
    static RuleQuery single(ToDoubleFunction<MetricWindow> value) {
        return window -> Map.of(ALL, value.applyAsDouble(window));
    }
}
