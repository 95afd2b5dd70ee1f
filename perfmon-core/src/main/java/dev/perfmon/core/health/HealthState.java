package dev.perfmon.core.health;

import dev.perfmon.core.event.Severity;

/** The verdict of a health rule; {@link #level()} is the value of the {@code perfmon.health} gauge. */
public enum HealthState {
    /** Within thresholds (or no data). Gauge value 0. */
    OK(0, Severity.INFO),
    /** Past the warning threshold for the rule's duration. Gauge value 1. */
    WARNING(1, Severity.WARNING),
    /** Past the critical threshold for the rule's duration. Gauge value 2. */
    CRITICAL(2, Severity.CRITICAL);

    private final int level;
    private final Severity severity;

    HealthState(int level, Severity severity) {
        this.level = level;
        this.severity = severity;
    }

    /** @return 0, 1 or 2 */
    public int level() {
        return level;
    }

    /** @return the event severity a change into this state carries */
    public Severity severity() {
        return severity;
    }

    /** @return the worse of the two states */
    public HealthState worst(HealthState other) {
        return other.level > level ? other : this;
    }
}
