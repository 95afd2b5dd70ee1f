package dev.perfmon.core.health;

import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.health.internal.ContributedRules;
import dev.perfmon.core.health.internal.MeterHistory;
import dev.perfmon.core.health.internal.RuleEvaluator;
import dev.perfmon.core.health.internal.SeriesState;
import dev.perfmon.core.health.internal.Snapshot;
import dev.perfmon.core.health.internal.SnapshotWindow;
import dev.perfmon.core.internal.Require;
import dev.perfmon.core.internal.DaemonSchedule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Evaluates health rules periodically and keeps their verdicts: per rule and series an
 * OK / WARNING / CRITICAL state that changes only after the rule's "for" duration, published
 * as {@link HealthChanged} events and as the {@code perfmon.health{rule}} gauge (0 ok,
 * 1 warning, 2 critical: the worst series of the rule).
 *
 * <pre>{@code
 * HealthMonitor health = HealthMonitor.builder(perfMon)      // core's and attached modules' rules
 *         .addRule(myRule)
 *         .interval(Duration.ofSeconds(15))
 *         .start();                                         // closed with perfMon
 * Files.writeString(Path.of("perfmon-rules.yml"), health.prometheusRules());
 * }</pre>
 *
 * <p>Each evaluation samples the meters and computes every rule over a window ending now,
 * from the deltas since the sample one window ago (PromQL {@code rate} / {@code increase} /
 * {@code histogram_quantile} arithmetic). Time comes from {@code perfMon.clock()}: with a mock
 * clock, {@link Builder#build()} a monitor without a schedule and call {@link #evaluate()}.
 */
public final class HealthMonitor implements AutoCloseable {

    /** The gauge of each rule's worst state. */
    public static final String GAUGE = "perfmon.health";

    private final PerfMon perfMon;
    private final List<HealthRule> own;
    private final Set<String> removed;
    private final Supplier<List<HealthRule>> contributed;
    private final Duration interval;
    private final MeterHistory history;
    private final Map<String, Map<String, SeriesState>> states = new LinkedHashMap<>();
    private final Map<String, HealthState> worst = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Meter> gauges = new ArrayList<>();
    private @Nullable List<HealthRule> lastContributed;
    private volatile List<HealthRule> rules = List.of();
    private volatile List<RuleStatus> statuses = List.of();
    private final DaemonSchedule schedule = new DaemonSchedule();

    private HealthMonitor(Builder b) {
        this.perfMon = b.perfMon;
        this.own = List.copyOf(b.rules);
        this.removed = Set.copyOf(b.removed);
        this.interval = b.interval;
        // The PerfMon's one history: the report and the dashboard read the same samples.
        this.history = MeterHistory.of(perfMon);
        if (b.contributions) {
            ContributedRules contributions = new ContributedRules(perfMon);
            this.contributed = contributions::current;
        } else {
            this.contributed = List::of;
        }
        rules();
        history.sample();
    }

    /**
     * The builder's rules, then those the PerfMon's diagnoses contribute that the builder did not
     * replace or remove; looked up again when a module registers its diagnosis after this
     * monitor was built, so its rules join at the next evaluation.
     */
    private synchronized List<HealthRule> refresh() {
        List<HealthRule> offered = contributed.get();
        if (offered == lastContributed || schedule.stopped()) {
            return rules; // a closed monitor registers no more gauges
        }
        lastContributed = offered;
        List<HealthRule> next = new ArrayList<>(own);
        Set<String> taken = new HashSet<>(removed);
        own.forEach(rule -> taken.add(rule.name()));
        for (HealthRule rule : offered) {
            if (taken.add(rule.name())) {
                next.add(rule);
            }
        }
        adopt(next);
        rules = List.copyOf(next);
        return rules;
    }

    /** Keeps history for the longest window and registers a state and a gauge for each new rule. */
    private void adopt(List<HealthRule> next) {
        Duration longest = Duration.ZERO;
        for (HealthRule rule : next) {
            if (rule.window().compareTo(longest) > 0) {
                longest = rule.window();
            }
        }
        long retention = longest.plus(interval).toNanos();
        history.keep(retention, (int) Math.min(10_000, retention / Math.max(1, interval.toNanos()) + 4), retention);
        ContainedMeters meters = perfMon.meters("health");
        for (HealthRule rule : next) {
            String name = rule.name();
            if (states.containsKey(name)) {
                continue;
            }
            states.put(name, new LinkedHashMap<>());
            worst.put(name, HealthState.OK);
            Gauge gauge = meters.gauge(Gauge.builder(GAUGE, worst, w -> w.getOrDefault(name, HealthState.OK).level())
                    .description("Health rule verdict: 0 ok, 1 warning, 2 critical")
                    .tag("rule", name)
                    .strongReference(true));
            if (gauge != null) {
                gauges.add(gauge);
            }
        }
    }

    /**
     * @param perfMon the owner: its registry, clock, configuration and listeners
     * @return a builder holding core's built-in rules and those the PerfMon's diagnoses
     *     contribute (pool and cache rules, once those modules are attached), with
     *     {@code perfMon.config()}'s thresholds
     */
    public static Builder builder(PerfMon perfMon) {
        return new Builder(perfMon);
    }

    /**
     * Samples the meters and evaluates every rule now; the scheduled evaluation calls this,
     * tests with a mock clock call it directly. Failures of a rule's query are contained
     * ({@code perfmon.internal.errors{component=health-rule}}) and leave that rule's series unchanged.
     *
     * @return every rule's status per series after this evaluation
     */
    public synchronized List<RuleStatus> evaluate() {
        if (schedule.stopped()) {
            return statuses;
        }
        Snapshot snapshot = history.sample();
        long nowNanos = snapshot.monotonicNanos();
        Instant now = Instant.ofEpochMilli(snapshot.wallMillis());
        List<RuleStatus> result = new ArrayList<>();
        for (HealthRule rule : refresh()) {
            SnapshotWindow window = history.window(rule.window().toNanos());
            Map<String, SeriesState> series = Objects.requireNonNull(states.get(rule.name()), "states of every rule");
            Map<String, Double> values = window == null ? Map.of()
                    : RuleEvaluator.values(rule, window, perfMon::recordFailure);
            for (String name : values.keySet()) {
                series.computeIfAbsent(name, n -> new SeriesState(now));
            }
            HealthState ruleWorst = HealthState.OK;
            for (Map.Entry<String, SeriesState> e : series.entrySet()) {
                SeriesState state = e.getValue();
                Double raw = values.get(e.getKey());
                double value = raw == null ? Double.NaN : raw;
                HealthState before = state.state();
                HealthState after = state.update(rule, value, nowNanos, now);
                String summary = rule.summarize(e.getKey(), value, after);
                if (after != before && perfMon.hasListeners()) {
                    double threshold = rule.threshold(after == HealthState.OK ? before : after);
                    perfMon.publish(new HealthChanged(rule.name(), e.getKey(), before, after, value, threshold, now,
                            summary));
                }
                ruleWorst = ruleWorst.worst(after);
                result.add(new RuleStatus(rule.name(), e.getKey(), after, value, rule.unit(), rule.warning(),
                        rule.critical(), state.since(), summary));
            }
            worst.put(rule.name(), ruleWorst);
        }
        statuses = List.copyOf(result);
        return statuses;
    }

    /** @return the statuses of the latest evaluation, every rule and series (empty before the first) */
    public List<RuleStatus> statuses() {
        return statuses;
    }

    /** @return the worst state of the rule's series, OK for an unknown rule */
    public HealthState state(String rule) {
        return worst.getOrDefault(rule, HealthState.OK);
    }

    /** @return the worst state of every rule */
    public HealthState overall() {
        HealthState result = HealthState.OK;
        for (HealthState s : worst.values()) {
            result = result.worst(s);
        }
        return result;
    }

    /** @return the rules, in evaluation order: the builder's, then those contributed by the PerfMon's diagnoses */
    public List<HealthRule> rules() {
        return refresh();
    }

    /** @return the evaluation interval */
    public Duration interval() {
        return interval;
    }

    /**
     * @return the rules as a Prometheus alerting-rules file (group {@code perfmon}, evaluated at
     *     this monitor's interval, plus an instance-down rule on {@code up})
     */
    public String prometheusRules() {
        return PrometheusRules.builder(rules()).interval(interval).render();
    }

    /** Stops the schedule and unregisters the gauges. Idempotent; also done when the PerfMon closes. */
    @Override
    public void close() {
        synchronized (this) { // after an evaluation in progress, which could still register gauges
            if (!schedule.stop()) {
                return;
            }
        }
        for (Meter gauge : gauges) {
            perfMon.registry().remove(gauge);
        }
    }

    private void schedule() {
        schedule.start(interval, "perfmon-health-" + perfMon.id(), () -> {
            try {
                evaluate();
            } catch (RuntimeException failure) {
                perfMon.recordFailure("health-monitor", failure);
            }
        });
    }

    @Override
    public String toString() {
        return "HealthMonitor{" + rules().size() + " rules, every " + interval + ", " + overall() + '}';
    }

    /** Configures a {@link HealthMonitor}. */
    public static final class Builder {
        private final PerfMon perfMon;
        private final List<HealthRule> rules = new ArrayList<>();
        private final Set<String> removed = new HashSet<>();
        private boolean contributions = true;
        private Duration interval = Duration.ofSeconds(15);

        private Builder(PerfMon perfMon) {
            this.perfMon = Objects.requireNonNull(perfMon, "perfMon");
            rules.addAll(HealthRules.defaults(perfMon.config()));
        }

        /**
         * Replaces the rules: core's built-in ones and those the PerfMon's diagnoses contribute
         * by default; afterwards exactly the given ones.
         */
        public Builder rules(Collection<HealthRule> value) {
            rules.clear();
            removed.clear();
            contributions = false;
            for (HealthRule rule : value) {
                addRule(rule);
            }
            return this;
        }

        /** Replaces the rules, as {@link #rules(Collection)}. */
        public Builder rules(HealthRule... value) {
            return rules(List.of(value));
        }

        /** Adds a rule, replacing any rule of the same name, a contributed one included. */
        public Builder addRule(HealthRule rule) {
            Objects.requireNonNull(rule, "rule");
            rules.removeIf(r -> r.name().equals(rule.name()));
            rules.add(rule);
            return this;
        }

        /** Removes a rule by name: a built-in one you do not want, or one a module contributes. */
        public Builder removeRule(String name) {
            rules.removeIf(r -> r.name().equals(name));
            removed.add(name);
            return this;
        }

        /** How often the schedule evaluates; default 15 s. */
        public Builder interval(Duration value) {
            this.interval = Require.positive("interval", value);
            return this;
        }

        /**
         * @return a monitor evaluated only when {@link HealthMonitor#evaluate()} is called (tests,
         *     mock clocks, or an application's own schedule); closed with the PerfMon
         */
        public HealthMonitor build() {
            HealthMonitor monitor = new HealthMonitor(this);
            perfMon.closeOnClose(monitor);
            return monitor;
        }

        /** @return a monitor evaluating every interval on a daemon thread; closed with the PerfMon */
        public HealthMonitor start() {
            HealthMonitor monitor = build();
            monitor.schedule();
            return monitor;
        }
    }
}
