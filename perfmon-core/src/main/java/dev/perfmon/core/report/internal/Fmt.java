package dev.perfmon.core.report.internal;

import java.time.Duration;
import java.util.Locale;

/** Number formatting shared by the report's reasons and renderers (locale-independent). */
final class Fmt {

    private Fmt() {
    }

    /** @return {@code 61 %}, {@code 7.5 %}, {@code n/a} */
    static String pct(double percent) {
        if (Double.isNaN(percent)) {
            return "n/a";
        }
        return (percent >= 10 || percent == Math.rint(percent) ? String.format(Locale.ROOT, "%.0f", percent)
                : String.format(Locale.ROOT, "%.1f", percent)) + " %";
    }

    /** @return {@code 412 ms}, {@code 7.5 ms}, {@code n/a} */
    static String ms(double ms) {
        return Double.isNaN(ms) ? "n/a" : msNumber(ms) + " ms";
    }

    /** @return milliseconds without unit: one decimal under 100, none above */
    static String msNumber(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        if (Double.isInfinite(ms)) {
            return "inf";
        }
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : "%.1f", ms);
    }

    /** @return one decimal, {@code n/a} for NaN */
    static String dec(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** @return a whole number, {@code ?} for NaN */
    static String num(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.0f", value);
    }

    /** @return {@code 5m 0s}, {@code 1h 2m 3s}, {@code 12.5s} */
    static String duration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", d.toNanos() / 1e9);
        }
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return (h > 0 ? h + "h " : "") + m + "m " + s + "s";
    }

    static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
