package dev.perfmon.core.health.internal;

import dev.perfmon.core.health.HealthRule;
import dev.perfmon.core.health.HealthState;

import java.time.Instant;

/**
 * The alerting state of one rule on one series, with Prometheus' semantics: each threshold is
 * an alert of its own that becomes pending when breached, fires once breached for the rule's
 * "for" duration (measured between evaluations, from the first breaching one), and resolves at
 * the first evaluation that no longer breaches (or after {@code keep_firing_for}). The state is
 * the most severe firing level. A breach that lapses before "for" resets the pending time, so
 * a flapping value never fires.
 */
public final class SeriesState {

    private static final int LEVELS = 3;

    private final long[] activeSince = {-1, -1, -1};
    private final long[] clearSince = {-1, -1, -1};
    private final boolean[] firing = new boolean[LEVELS];
    private HealthState state = HealthState.OK;
    private Instant since;
    private double value = Double.NaN;

    public SeriesState(Instant created) {
        this.since = created;
    }

    /**
     * @param nowNanos monotonic time of this evaluation
     * @return the state after this evaluation
     */
    public HealthState update(HealthRule rule, double newValue, long nowNanos, Instant now) {
        value = newValue;
        long hold = rule.forDuration().toNanos();
        long keep = rule.keepFiringFor().toNanos();
        for (HealthState level : new HealthState[] {HealthState.WARNING, HealthState.CRITICAL}) {
            int i = level.level();
            if (rule.breaches(level, newValue)) {
                if (activeSince[i] < 0) {
                    activeSince[i] = nowNanos;
                }
                clearSince[i] = -1;
                firing[i] = firing[i] || nowNanos - activeSince[i] >= hold;
            } else {
                activeSince[i] = -1;
                if (firing[i]) {
                    if (clearSince[i] < 0) {
                        clearSince[i] = nowNanos;
                    }
                    firing[i] = keep > 0 && nowNanos - clearSince[i] < keep;
                }
            }
        }
        HealthState next = firing[HealthState.CRITICAL.level()] ? HealthState.CRITICAL
                : firing[HealthState.WARNING.level()] ? HealthState.WARNING : HealthState.OK;
        if (next != state) {
            state = next;
            since = now;
        }
        return state;
    }

    public HealthState state() {
        return state;
    }

    public Instant since() {
        return since;
    }

    public double value() {
        return value;
    }
}
