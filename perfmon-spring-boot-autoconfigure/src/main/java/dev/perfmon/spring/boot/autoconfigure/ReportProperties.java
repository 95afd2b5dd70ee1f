package dev.perfmon.spring.boot.autoconfigure;

import java.time.Duration;

/** The report's settings, {@code perfmon.report.}: the reporter behind the {@code perfmon} endpoint. */
public class ReportProperties {

    /** Whether the reporter (and so the perfmon actuator endpoint) exists. */
    private boolean enabled = true;

    /** How often meters are sampled (gauge peaks, window boundaries). */
    private Duration sampleInterval = Duration.ofSeconds(5);

    /** The longest window a report can cover. */
    private Duration retention = Duration.ofMinutes(15);

    /** Events kept for window reports, at least 1. */
    private int maxFindings = 2000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getSampleInterval() {
        return sampleInterval;
    }

    public void setSampleInterval(Duration sampleInterval) {
        this.sampleInterval = sampleInterval;
    }

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public int getMaxFindings() {
        return maxFindings;
    }

    public void setMaxFindings(int maxFindings) {
        this.maxFindings = maxFindings;
    }
}
