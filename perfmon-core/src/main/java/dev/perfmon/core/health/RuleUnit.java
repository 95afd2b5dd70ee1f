package dev.perfmon.core.health;

import java.util.Locale;

/** How a rule's values read in summaries and reports. */
public enum RuleUnit {
    /** Seconds, shown as milliseconds. */
    SECONDS,
    /** A share in [0, 1], shown as a percentage. */
    RATIO,
    /** A plain number (threads, timeouts). */
    COUNT;

    /** @return the value for humans: {@code 412 ms}, {@code 7.3 %}, {@code 12} */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        switch (this) {
            case SECONDS:
                double ms = value * 1000;
                return (ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms)) + " ms";
            case RATIO:
                double pct = value * 100;
                return (pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f", pct)
                        : String.format(Locale.ROOT, "%.1f", pct)) + " %";
            default:
                return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                        : String.format(Locale.ROOT, "%.2f", value);
        }
    }
}
