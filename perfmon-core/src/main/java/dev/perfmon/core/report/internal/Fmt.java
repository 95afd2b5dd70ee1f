package dev.perfmon.core.report.internal;

import dev.perfmon.core.report.PoolHolder;
import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.core.report.spi.ReportFormat;

import java.time.Duration;
import java.util.Locale;

/** Number and small-phrase formatting shared by the report's reasons and renderers (locale-independent). */
final class Fmt {

    private Fmt() {
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
            b.append(p.episodes()).append(" exhaustion episode").append(ReportFormat.plural(p.episodes()));
        }
        for (int i = 0; i < p.mainHolders().size(); i++) {
            PoolHolder h = p.mainHolders().get(i);
            b.append(i > 0 ? ", " : b.length() > 0 ? ", held by " : "held by ").append(h.route());
        }
        return b.toString();
    }
}
