package dev.perfmon.servlet.internal;

import dev.perfmon.servlet.HttpMetricsConfig;
import jakarta.servlet.FilterConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link HttpMetricsConfig} from {@code web.xml} init parameters:
 * {@code server-timing} (true/false), {@code exclude-path-prefixes} (comma-separated),
 * {@code percentile-histogram} (true/false) and {@code slo-buckets} (comma-separated durations
 * such as {@code 100ms,400ms,1s}). Invalid values are rejected with the value in the message.
 */
public final class InitParameters {

    private InitParameters() {
    }

    public static HttpMetricsConfig parse(FilterConfig filterConfig) {
        HttpMetricsConfig.Builder builder = HttpMetricsConfig.builder();
        String serverTiming = filterConfig.getInitParameter("server-timing");
        if (serverTiming != null) {
            builder.serverTiming(bool("server-timing", serverTiming));
        }
        String histogram = filterConfig.getInitParameter("percentile-histogram");
        if (histogram != null) {
            builder.percentileHistogram(bool("percentile-histogram", histogram));
        }
        String excluded = filterConfig.getInitParameter("exclude-path-prefixes");
        if (excluded != null && !excluded.isBlank()) {
            builder.excludePathPrefixes(split(excluded).toArray(new String[0]));
        }
        String slos = filterConfig.getInitParameter("slo-buckets");
        if (slos != null && !slos.isBlank()) {
            List<Duration> buckets = new ArrayList<>();
            for (String value : split(slos)) {
                buckets.add(duration("slo-buckets", value));
            }
            builder.sloBuckets(buckets.toArray(new Duration[0]));
        }
        return builder.build();
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    private static boolean bool(String name, String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
    }

    /** Parses {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m} or an ISO-8601 duration. */
    static Duration duration(String name, String value) {
        String v = value.trim();
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v);
            }
            if (v.endsWith("ms")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(v.substring(0, v.length() - 2)) * 1e6));
            }
            if (v.endsWith("s")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1e9));
            }
            if (v.endsWith("m")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60e9));
            }
        } catch (RuntimeException invalid) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + " must be durations such as 100ms, 0.4s or 1s, was '" + value + "'");
    }
}
