package dev.perfmon.core.health.internal;

import dev.perfmon.core.health.MetricWindow;
import io.micrometer.core.instrument.Meter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A {@link MetricWindow} over a baseline snapshot and the samples after it. Snapshot values
 * never decrease, so increases are the latest minus the baseline; a series missing from the
 * baseline started within the window and counts from zero.
 */
public final class SnapshotWindow implements MetricWindow {

    private final Snapshot baseline;
    private final List<Snapshot> samples;
    private final Snapshot latest;

    /**
     * @param baseline where the window starts
     * @param samples the samples after the baseline, oldest first, ending with the latest (not empty)
     */
    public SnapshotWindow(Snapshot baseline, List<Snapshot> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a window needs at least one sample after its baseline");
        }
        this.baseline = baseline;
        this.samples = List.copyOf(samples);
        this.latest = samples.get(samples.size() - 1);
    }

    public Snapshot baseline() {
        return baseline;
    }

    public Snapshot latest() {
        return latest;
    }

    @Override
    public Instant start() {
        return Instant.ofEpochMilli(baseline.wallMillis());
    }

    @Override
    public Instant end() {
        return Instant.ofEpochMilli(latest.wallMillis());
    }

    @Override
    public Duration length() {
        return Duration.ofNanos(Math.max(0, latest.monotonicNanos() - baseline.monotonicNanos()));
    }

    private double seconds() {
        return Math.max(0, latest.monotonicNanos() - baseline.monotonicNanos()) / 1e9;
    }

    @Override
    public double increase(String meter, Predicate<Meter.Id> series) {
        double sum = 0;
        for (Map.Entry<Meter.Id, SeriesValue> e : latest.values().entrySet()) {
            if (matches(e.getKey(), meter, series) && e.getValue().type != SeriesValue.Type.GAUGE) {
                SeriesValue base = baseline.get(e.getKey());
                sum += Math.max(0, e.getValue().count - (base == null ? 0 : base.count));
            }
        }
        return sum;
    }

    @Override
    public double rate(String meter, Predicate<Meter.Id> series) {
        double seconds = seconds();
        return seconds > 0 ? increase(meter, series) / seconds : Double.NaN;
    }

    @Override
    public double sumIncrease(String meter, Predicate<Meter.Id> series) {
        double sum = 0;
        for (Map.Entry<Meter.Id, SeriesValue> e : latest.values().entrySet()) {
            if (matches(e.getKey(), meter, series) && e.getValue().type == SeriesValue.Type.DISTRIBUTION) {
                SeriesValue base = baseline.get(e.getKey());
                sum += Math.max(0, e.getValue().total - (base == null ? 0 : base.total));
            }
        }
        return sum;
    }

    /** @return the summed bucket increases of the matching series, Prometheus' {@code sum by (le)} */
    public Buckets buckets(String meter, Predicate<Meter.Id> series) {
        TreeMap<Double, Double> byBound = new TreeMap<>();
        double total = 0;
        for (Map.Entry<Meter.Id, SeriesValue> e : latest.values().entrySet()) {
            SeriesValue v = e.getValue();
            if (!matches(e.getKey(), meter, series) || v.type != SeriesValue.Type.DISTRIBUTION) {
                continue;
            }
            SeriesValue base = baseline.get(e.getKey());
            boolean sameBounds = base != null && Arrays.equals(base.bounds, v.bounds);
            total += Math.max(0, v.count - (base == null ? 0 : base.count));
            for (int i = 0; i < v.bounds.length; i++) {
                double delta = v.cumulative[i] - (sameBounds && base != null ? base.cumulative[i] : 0);
                byBound.merge(v.bounds[i], Math.max(0, delta), Double::sum);
            }
        }
        double[] bounds = new double[byBound.size()];
        double[] counts = new double[byBound.size()];
        int i = 0;
        for (Map.Entry<Double, Double> e : byBound.entrySet()) {
            bounds[i] = e.getKey();
            counts[i++] = e.getValue();
        }
        return new Buckets(bounds, counts, total);
    }

    @Override
    public double quantile(double q, String meter, Predicate<Meter.Id> series) {
        Buckets b = buckets(meter, series);
        return HistogramMath.quantile(q, b.bounds(), b.cumulative(), b.total());
    }

    @Override
    public double maxReported(String meter, Predicate<Meter.Id> series) {
        double max = Double.NaN;
        for (Snapshot sample : samples) {
            for (Map.Entry<Meter.Id, SeriesValue> e : sample.values().entrySet()) {
                if (matches(e.getKey(), meter, series) && e.getValue().type == SeriesValue.Type.DISTRIBUTION
                        && !Double.isNaN(e.getValue().max)) {
                    max = Double.isNaN(max) ? e.getValue().max : Math.max(max, e.getValue().max);
                }
            }
        }
        return max;
    }

    @Override
    public double gauge(String meter, Predicate<Meter.Id> series) {
        return gaugeSum(latest, meter, series);
    }

    @Override
    public double gaugeAverage(String meter, Predicate<Meter.Id> series) {
        double sum = 0;
        int n = 0;
        for (Snapshot sample : samples) {
            double value = gaugeSum(sample, meter, series);
            if (!Double.isNaN(value)) {
                sum += value;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public double gaugeMax(String meter, Predicate<Meter.Id> series) {
        double max = Double.NaN;
        for (Snapshot sample : samples) {
            double value = gaugeSum(sample, meter, series);
            if (!Double.isNaN(value)) {
                max = Double.isNaN(max) ? value : Math.max(max, value);
            }
        }
        return max;
    }

    private static double gaugeSum(Snapshot snapshot, String meter, Predicate<Meter.Id> series) {
        double sum = 0;
        boolean any = false;
        for (Map.Entry<Meter.Id, SeriesValue> e : snapshot.values().entrySet()) {
            if (matches(e.getKey(), meter, series) && e.getValue().type == SeriesValue.Type.GAUGE
                    && !Double.isNaN(e.getValue().gauge)) {
                sum += e.getValue().gauge;
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    @Override
    public Set<List<String>> groups(String meter, Predicate<Meter.Id> series, String... tagKeys) {
        Set<List<String>> groups = new LinkedHashSet<>();
        for (Meter.Id id : latest.values().keySet()) {
            if (matches(id, meter, series)) {
                List<String> values = new ArrayList<>(tagKeys.length);
                for (String key : tagKeys) {
                    String value = id.getTag(key);
                    values.add(value == null ? "" : value);
                }
                groups.add(List.copyOf(values));
            }
        }
        return groups;
    }

    @Override
    public boolean estimated(String meter, Predicate<Meter.Id> series) {
        for (Map.Entry<Meter.Id, SeriesValue> e : latest.values().entrySet()) {
            if (matches(e.getKey(), meter, series)) {
                SeriesValue base = baseline.get(e.getKey());
                if (e.getValue().estimatedIntervals > (base == null ? 0 : base.estimatedIntervals)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(Meter.Id id, String meter, Predicate<Meter.Id> series) {
        return id.getName().equals(meter) && series.test(id);
    }

    /** Summed cumulative bucket increases: finite bounds ascending, counts at or below each, and the total. */
    public record Buckets(double[] bounds, double[] cumulative, double total) {
    }
}
