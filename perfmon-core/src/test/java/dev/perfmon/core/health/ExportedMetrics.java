package dev.perfmon.core.health;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names an export's alert expressions query, for checking them against a real scrape. */
public final class ExportedMetrics {

    private static final Set<String> PROMQL_WORDS = Set.of("histogram_quantile", "avg_over_time", "max_over_time");
    private static final Pattern EXPR = Pattern.compile("expr: '([^']*)'");
    private static final Pattern METRIC = Pattern.compile("\\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\\b");

    private ExportedMetrics() {
    }

    /** @return the names (with an underscore: {@code up} is left out) the rules' exported expressions query */
    public static Set<String> queried(List<HealthRule> rules) {
        Set<String> queried = new TreeSet<>();
        Matcher expr = EXPR.matcher(PrometheusRules.builder(rules).render());
        while (expr.find()) {
            Matcher name = METRIC.matcher(expr.group(1));
            while (name.find()) {
                if (!PROMQL_WORDS.contains(name.group(1))) {
                    queried.add(name.group(1));
                }
            }
        }
        return queried;
    }
}
