package dev.perfmon.core.health;

import io.micrometer.core.instrument.Meter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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

    /**
     * @param meter the meter whose tag values name the series, such as {@code jobs.processed}
     * @param tag the tag, such as {@code queue}: one series per value seen in the window
     * @param value the value of one series, given the predicate selecting it
     * @return a query yielding one value per value of the tag
     */
    static RuleQuery perTag(String meter, String tag, SeriesValue value) {
        return window -> {
            Map<String, Double> values = new LinkedHashMap<>();
            for (List<String> group : window.groups(meter, MetricWindow.all(), tag)) {
                values.put(group.get(0), value.apply(window, MetricWindow.tags(tag, group.get(0))));
            }
            return values;
        };
    }

    /** A value computed for the series a predicate selects. */
    @FunctionalInterface
    interface SeriesValue {
        /** @return the series' value in the window, NaN for no data */
        double apply(MetricWindow window, Predicate<Meter.Id> series);
    }
}
