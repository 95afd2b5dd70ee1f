package dev.perfmon.core.health;

import dev.perfmon.core.internal.Require;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A metric condition with a warning and a critical threshold that must hold for a duration
 * before it fires, evaluated over a window of meter activity. Immutable; build one with
 * {@link #builder(String)} or start from a built-in one ({@link HealthRules}) and
 * {@link #toBuilder()}.
 *
 * <pre>{@code
 * HealthRule queueDepth = HealthRule.builder("jobs.queue.depth")
 *         .description("jobs waiting in the import queue")
 *         .above(100, 1000).unit(RuleUnit.COUNT)
 *         .window(Duration.ofMinutes(1)).forDuration(Duration.ofMinutes(2))
 *         .query(RuleQuery.single(w -> w.gaugeAverage("jobs.queue", MetricWindow.all())))
 *         .promQl("avg_over_time(jobs_queue[1m])")
 *         .build();
 * }</pre>
 *
 * <p>The Prometheus export renders {@code (promQl) > warning} and {@code (promQl) > critical}
 * (or {@code <} for {@link Direction#BELOW}), {@code and}-ed with {@link #promGuard()} when
 * set; a rule without {@code promQl} is evaluated in process only.
 */
public final class HealthRule {

    /** Which side of the thresholds is bad. */
    public enum Direction {
        /** Bad when the value exceeds the threshold. */
        ABOVE(">"),
        /** Bad when the value falls under the threshold. */
        BELOW("<");

        private final String operator;

        Direction(String operator) {
            this.operator = operator;
        }

        /** @return the PromQL comparison operator */
        public String operator() {
            return operator;
        }

        boolean breaches(double value, double threshold) {
            if (Double.isNaN(value) || Double.isNaN(threshold)) {
                return false;
            }
            return this == ABOVE ? value > threshold : value < threshold;
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]*");

    private final String name;
    private final String description;
    private final Direction direction;
    private final double warning;
    private final double critical;
    private final RuleUnit unit;
    private final Duration window;
    private final Duration forDuration;
    private final Duration keepFiringFor;
    private final RuleQuery query;
    private final @Nullable String promQl;
    private final @Nullable String promGuard;
    private final String seriesLabels;

    private HealthRule(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.direction = b.direction;
        this.warning = b.warning;
        this.critical = b.critical;
        this.unit = b.unit;
        this.window = b.window;
        this.forDuration = b.forDuration;
        this.keepFiringFor = b.keepFiringFor;
        this.query = Objects.requireNonNull(b.query, "query"); // build() refused a rule without one
        this.promQl = b.promQl;
        this.promGuard = b.promGuard;
        this.seriesLabels = b.seriesLabels;
    }

    /**
     * @param name lower-case dotted, such as {@code http.error.rate}; the {@code rule} tag value
     * @return a builder with no thresholds, a 5-minute window and a 1-minute "for"
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder holding this rule's settings */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.description = description;
        b.direction = direction;
        b.warning = warning;
        b.critical = critical;
        b.unit = unit;
        b.window = window;
        b.forDuration = forDuration;
        b.keepFiringFor = keepFiringFor;
        b.query = query;
        b.promQl = promQl;
        b.promGuard = promGuard;
        b.seriesLabels = seriesLabels;
        return b;
    }

    /**
     * @return the state the value calls for right now, before any "for" duration
     */
    public HealthState classify(double value) {
        if (direction.breaches(value, critical)) {
            return HealthState.CRITICAL;
        }
        if (direction.breaches(value, warning)) {
            return HealthState.WARNING;
        }
        return HealthState.OK;
    }

    /** @return whether the value breaches the threshold of the given state (false for OK) */
    public boolean breaches(HealthState level, double value) {
        return level == HealthState.CRITICAL ? direction.breaches(value, critical)
                : level == HealthState.WARNING && direction.breaches(value, warning);
    }

    /** @return the threshold of a state: NaN for OK or when the rule has none */
    public double threshold(HealthState level) {
        return level == HealthState.CRITICAL ? critical : level == HealthState.WARNING ? warning : Double.NaN;
    }

    /** @return one line with the numbers, such as {@code GET /posts: p99 latency 612 ms > 400 ms (critical)} */
    public String summarize(String series, double value, HealthState state) {
        String subject = RuleQuery.ALL.equals(series) ? description : series + ": " + description;
        if (state == HealthState.OK) {
            double bound = !Double.isNaN(warning) ? warning : critical;
            String op = direction == Direction.ABOVE ? "<=" : ">=";
            return subject + " " + unit.format(value) + " (ok, " + op + " " + unit.format(bound) + ")";
        }
        return subject + " " + unit.format(value) + " " + direction.operator + " "
                + unit.format(threshold(state)) + " (" + state.name().toLowerCase(Locale.ROOT) + ")";
    }

    /** @return the rule's name: its {@code rule} tag on {@code perfmon.health} and the alert's name */
    public String name() {
        return name;
    }

    /** @return what the value is, in a few words: {@code p99 latency}, {@code error rate (4xx+5xx)} */
    public String description() {
        return description;
    }

    /** @return whether the rule fires above its thresholds (latency, error rate) or below them (success ratio, hit ratio) */
    public Direction direction() {
        return direction;
    }

    /** @return the warning threshold, NaN if the rule has none */
    public double warning() {
        return warning;
    }

    /** @return the critical threshold, NaN if the rule has none */
    public double critical() {
        return critical;
    }

    /** @return how the rule's value and thresholds are read and printed (seconds, ratio, count) */
    public RuleUnit unit() {
        return unit;
    }

    /** @return the window the value is computed over ({@code [5m]} in PromQL) */
    public Duration window() {
        return window;
    }

    /** @return how long a threshold must be breached before the rule fires ({@code for}) */
    public Duration forDuration() {
        return forDuration;
    }

    /** @return how long a fired rule stays fired after its condition clears ({@code keep_firing_for}); zero for none */
    public Duration keepFiringFor() {
        return keepFiringFor;
    }

    /** @return what the value is computed from in process: meters, tags and the series it is split by */
    public RuleQuery query() {
        return query;
    }

    /** @return the PromQL expression of the value, or null when the rule is in-process only */
    public @Nullable String promQl() {
        return promQl;
    }

    /** @return a PromQL condition and-ed with the comparison (minimum traffic), or null */
    public @Nullable String promGuard() {
        return promGuard;
    }

    /** @return the Prometheus labels naming a series in alert text, such as {@code method, uri}; empty for one series */
    public String seriesLabels() {
        return seriesLabels;
    }

    @Override
    public String toString() {
        return "HealthRule{" + name + " " + direction.operator + " warning=" + warning + " critical=" + critical
                + " window=" + window + " for=" + forDuration + '}';
    }

    /** Collects a rule's settings; {@link #build()} validates them with the value in the message. */
    public static final class Builder {
        private final String name;
        private String description;
        private Direction direction = Direction.ABOVE;
        private double warning = Double.NaN;
        private double critical = Double.NaN;
        private RuleUnit unit = RuleUnit.COUNT;
        private Duration window = Duration.ofMinutes(5);
        private Duration forDuration = Duration.ofMinutes(1);
        private Duration keepFiringFor = Duration.ZERO;
        private @Nullable RuleQuery query;
        private @Nullable String promQl;
        private @Nullable String promGuard;
        private String seriesLabels = "";

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            this.description = name;
        }

        /** A few words naming the value in summaries; default the rule name. */
        public Builder description(String value) {
            this.description = Objects.requireNonNull(value, "description");
            return this;
        }

        /** Bad above the thresholds; pass NaN for a level the rule does not have. */
        public Builder above(double warning, double critical) {
            this.direction = Direction.ABOVE;
            this.warning = warning;
            this.critical = critical;
            return this;
        }

        /** Bad below the thresholds; pass NaN for a level the rule does not have. */
        public Builder below(double warning, double critical) {
            this.direction = Direction.BELOW;
            this.warning = warning;
            this.critical = critical;
            return this;
        }

        /** How values read; default {@link RuleUnit#COUNT}. */
        public Builder unit(RuleUnit value) {
            this.unit = Objects.requireNonNull(value, "unit");
            return this;
        }

        /** The window the query looks back over; default 5 min. */
        public Builder window(Duration value) {
            this.window = Objects.requireNonNull(value, "window");
            return this;
        }

        /** How long a breach must last before firing; default 1 min, zero fires at once. */
        public Builder forDuration(Duration value) {
            this.forDuration = Objects.requireNonNull(value, "forDuration");
            return this;
        }

        /** How long a fired rule stays fired once clear; default zero (resolves at the first clear evaluation). */
        public Builder keepFiringFor(Duration value) {
            this.keepFiringFor = Objects.requireNonNull(value, "keepFiringFor");
            return this;
        }

        /** The in-process computation (required). */
        public Builder query(RuleQuery value) {
            this.query = Objects.requireNonNull(value, "query");
            return this;
        }

        /** The PromQL of the value for the export; without it the rule is in-process only. */
        public Builder promQl(String value) {
            this.promQl = value;
            return this;
        }

        /** A PromQL condition and-ed with the comparison in the export (minimum traffic). */
        public Builder promGuard(String value) {
            this.promGuard = value;
            return this;
        }

        /** Prometheus labels naming a series in alert text, comma separated, such as {@code method, uri}. */
        public Builder seriesLabels(String value) {
            this.seriesLabels = Objects.requireNonNull(value, "seriesLabels");
            return this;
        }

        /**
         * @return the rule
         * @throws IllegalArgumentException naming the first invalid setting and its value
         */
        public HealthRule build() {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("rule name must be lower-case dotted ([a-z][a-z0-9_.]*), was '"
                        + name + "'");
            }
            if (Double.isNaN(warning) && Double.isNaN(critical)) {
                throw new IllegalArgumentException("rule " + name + " needs a warning or a critical threshold, had none");
            }
            if (Double.isInfinite(warning) || Double.isInfinite(critical)) {
                throw new IllegalArgumentException("rule " + name + " thresholds must be finite, were warning="
                        + warning + " critical=" + critical);
            }
            if (!Double.isNaN(warning) && !Double.isNaN(critical)
                    && (direction == Direction.ABOVE ? warning > critical : warning < critical)) {
                throw new IllegalArgumentException("rule " + name + " warning must be " + (direction == Direction.ABOVE
                        ? "at most" : "at least") + " critical, were warning=" + warning + " critical=" + critical);
            }
            Require.positive("rule " + name + " window", window);
            Require.notNegative("rule " + name + " forDuration", forDuration);
            Require.notNegative("rule " + name + " keepFiringFor", keepFiringFor);
            if (query == null) {
                throw new IllegalArgumentException("rule " + name + " needs a query, had none");
            }
            return new HealthRule(this);
        }
    }
}
