package dev.perfmon.core.health;

import io.micrometer.core.instrument.Meter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The meters' activity between two samples, with the arithmetic of PromQL: {@link #increase}
 * and {@link #rate} as {@code increase(x[w])} and {@code rate(x[w])} summed over the matching
 * series, {@link #quantile} as {@code histogram_quantile(q, sum by (le) (rate(x_bucket[w])))}.
 * Rules and the report read every number through it.
 *
 * <p>Meter names are Micrometer names ({@code http.server.requests}); for timers, counts are
 * observations and sums are seconds. Series are selected by a predicate on the meter id; the
 * static helpers build the usual ones. Missing data yields 0 for increases and NaN for ratios,
 * quantiles and gauges.
 */
public interface MetricWindow {

    /** @return when the window starts (the baseline sample) */
    Instant start();

    /** @return when the window ends (the latest sample) */
    Instant end();

    /** @return the window's length: between the baseline and the latest sample */
    Duration length();

    /** @return the increase of counters, or of timers' and summaries' observation counts */
    double increase(String meter, Predicate<Meter.Id> series);

    /** @return {@link #increase} per second of the window, NaN for an empty window */
    double rate(String meter, Predicate<Meter.Id> series);

    /** @return the increase of timers' total time in seconds, or of summaries' total amount */
    double sumIncrease(String meter, Predicate<Meter.Id> series);

    /**
     * @param q the quantile in [0, 1]
     * @return the quantile from the summed bucket increases (seconds for timers), NaN without
     *     observations or buckets
     */
    double quantile(double q, String meter, Predicate<Meter.Id> series);

    /** @return the highest maximum the matching meters reported within the window (seconds for timers), NaN if none */
    double maxReported(String meter, Predicate<Meter.Id> series);

    /** @return the sum over matching gauges of their latest values, NaN if none */
    double gauge(String meter, Predicate<Meter.Id> series);

    /** @return the average over the window's samples of the summed matching gauges ({@code avg_over_time}) */
    double gaugeAverage(String meter, Predicate<Meter.Id> series);

    /** @return the maximum over the window's samples of the summed matching gauges ({@code max_over_time}) */
    double gaugeMax(String meter, Predicate<Meter.Id> series);

    /**
     * @param tagKeys the tags to group by, such as {@code method, uri}
     * @return the distinct value combinations of those tags among the matching series, in the
     *     order of {@code tagKeys} (a missing tag reads as the empty string)
     */
    Set<List<String>> groups(String meter, Predicate<Meter.Id> series, String... tagKeys);

    /** @return whether some quantile input of the matching series was estimated because the registry's histogram decays */
    boolean estimated(String meter, Predicate<Meter.Id> series);

    /** @return a predicate accepting every series */
    static Predicate<Meter.Id> all() {
        return id -> true;
    }

    /**
     * @param keyValues tag keys and exact values, alternating
     * @return a predicate accepting series carrying every given tag value
     */
    static Predicate<Meter.Id> tags(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags need key/value pairs, got " + keyValues.length + " strings");
        }
        String[] pairs = keyValues.clone();
        return id -> {
            for (int i = 0; i < pairs.length; i += 2) {
                if (!pairs[i + 1].equals(id.getTag(pairs[i]))) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * @param regex matched against the whole value, like PromQL's {@code =~}
     * @return a predicate accepting series whose tag matches (a missing tag reads as "")
     */
    static Predicate<Meter.Id> tagMatches(String key, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return id -> {
            String value = id.getTag(key);
            return pattern.matcher(value == null ? "" : value).matches();
        };
    }
}
