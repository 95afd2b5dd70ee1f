package dev.perfmon.core.report.spi;

import java.util.Locale;

/** How the report spells numbers in reasons, so that every diagnosis reads alike (locale-independent). */
public final class ReportFormat {

    private ReportFormat() {
    }

    /** @return {@code 61 %}, {@code 7.5 %}, {@code n/a} */
    public static String pct(double percent) {
        if (Double.isNaN(percent)) {
            return "n/a";
        }
        return (percent >= 10 || percent == Math.rint(percent) ? String.format(Locale.ROOT, "%.0f", percent)
                : String.format(Locale.ROOT, "%.1f", percent)) + " %";
    }

    /** @return {@code 412 ms}, {@code 7.5 ms}, {@code n/a} */
    public static String ms(double ms) {
        return Double.isNaN(ms) ? "n/a" : msNumber(ms) + " ms";
    }

    /** @return milliseconds without unit: one decimal under 100, none above; {@code -} for NaN */
    public static String msNumber(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        if (Double.isInfinite(ms)) {
            return "inf";
        }
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : "%.1f", ms);
    }

    /** @return one decimal, {@code n/a} for NaN */
    public static String dec(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** @return a whole number, {@code ?} for NaN */
    public static String num(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.0f", value);
    }

    /** @return {@code s} unless {@code n} is 1 */
    public static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
