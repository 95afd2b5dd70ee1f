package dev.perfmon.core.event;

/** How much a finding matters; the default log listener maps it to a log level. */
public enum Severity {
    /** Worth knowing, not worth waking anyone: logged at INFO. */
    INFO,
    /** Degrades a route or threatens an objective: logged at WARNING. */
    WARNING,
    /** Breaks an objective now: logged at ERROR. */
    CRITICAL
}
