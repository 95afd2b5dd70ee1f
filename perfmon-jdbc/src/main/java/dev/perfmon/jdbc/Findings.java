package dev.perfmon.jdbc;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The one-line format shared by the JDBC findings. */
final class Findings {

    static final int MAX_SQL_IN_SUMMARY = 240;

    private Findings() {
    }

    static String summary(String route, String what, int count, int distinct, Duration totalTime, String callSite,
                          @Nullable String association, String dataSource, String fingerprint, String suggestion) {
        StringBuilder b = new StringBuilder(160 + Math.min(fingerprint.length(), MAX_SQL_IN_SUMMARY));
        b.append(route).append(": ").append(what).append(", ")
                .append(count).append(" executions with ").append(distinct)
                .append(distinct == 1 ? " parameter set (" : " parameter sets (")
                .append(String.format(Locale.ROOT, "%.1f", totalTime.toNanos() / 1e6)).append(" ms) at ")
                .append(callSite);
        if (association != null) {
            b.append(" via ").append(association);
        }
        b.append(" [datasource ").append(dataSource).append("]: ");
        if (fingerprint.length() > MAX_SQL_IN_SUMMARY) {
            b.append(fingerprint, 0, MAX_SQL_IN_SUMMARY).append("...");
        } else {
            b.append(fingerprint);
        }
        return b.append(" -- consider ").append(suggestion).toString();
    }

    /** @return {@code site}, or every site with its executions ({@code A.x(A.java:1) x4, B.y(B.java:9) x1}) */
    static String sites(String site, Map<String, Integer> sites) {
        if (sites.size() <= 1) {
            return site;
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Integer> entry : sites.entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(entry.getKey()).append(" x").append(entry.getValue());
        }
        return b.toString();
    }
}
