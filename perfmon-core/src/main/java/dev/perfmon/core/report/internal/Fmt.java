package dev.perfmon.core.report.internal;

import dev.perfmon.core.report.PoolHolder;
import dev.perfmon.core.report.PoolSummary;

import java.time.Duration;
import java.util.Locale;

/** Number and small-phrase formatting shared by the report's reasons and renderers (locale-independent). */
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

    /** @return {@code 4.2 s}, {@code 850 ms}, {@code 3.5 min} */
    static String seconds(double seconds) {
        if (Double.isNaN(seconds)) {
            return "n/a";
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
        }
        return seconds < 60 ? String.format(Locale.ROOT, "%.1f s", seconds)
                : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }

    /**
     * @return {@code 2 exhaustion episodes, held by GET /a, GET /b}, or empty without either. The
     *     holders' summed holds are a weight (an episode's holders can be listed when it opens and
     *     again when it ends), so they order the names but are not printed as a duration.
     */
    static String episodes(PoolSummary p) {
        StringBuilder b = new StringBuilder();
        if (p.episodes() > 0) {
            b.append(p.episodes()).append(" exhaustion episode").append(plural(p.episodes()));
        }
        for (int i = 0; i < p.mainHolders().size(); i++) {
            PoolHolder h = p.mainHolders().get(i);
            b.append(i > 0 ? ", " : b.length() > 0 ? ", held by " : "held by ").append(h.route());
        }
        return b.toString();
    }

    static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
