package dev.perfmon.core.health.internal;

/**
 * One meter's values in a {@link Snapshot}. Counts, totals and bucket counts are cumulative
 * since the meter was first seen and never decrease (resets and decaying histograms are
 * absorbed by {@link MeterSampler}); gauges and maxima are the values read at sampling time.
 */
public final class SeriesValue {

    /** What kind of meter the values come from. */
    public enum Type { COUNTER, DISTRIBUTION, GAUGE }

    static final double[] NO_BUCKETS = new double[0];

    final Type type;
    final double count;
    final double total;
    final double max;
    final double gauge;
    final double[] bounds;
    final double[] cumulative;
    final long estimatedIntervals;

    SeriesValue(Type type, double count, double total, double max, double gauge, double[] bounds,
                double[] cumulative, long estimatedIntervals) {
        this.type = type;
        this.count = count;
        this.total = total;
        this.max = max;
        this.gauge = gauge;
        this.bounds = bounds;
        this.cumulative = cumulative;
        this.estimatedIntervals = estimatedIntervals;
    }

    static SeriesValue counter(double count) {
        return new SeriesValue(Type.COUNTER, count, 0, Double.NaN, Double.NaN, NO_BUCKETS, NO_BUCKETS, 0);
    }

    static SeriesValue gauge(double value) {
        return new SeriesValue(Type.GAUGE, 0, 0, Double.NaN, value, NO_BUCKETS, NO_BUCKETS, 0);
    }

    public Type type() {
        return type;
    }

    /** @return the cumulative count (counter value, or number of observations) */
    public double count() {
        return count;
    }

    /** @return the cumulative sum of observations (seconds for timers) */
    public double total() {
        return total;
    }

    /** @return the maximum the meter reported when sampled (seconds for timers), NaN if none */
    public double max() {
        return max;
    }

    /** @return the gauge value, NaN for other meters or when not finite */
    public double gauge() {
        return gauge;
    }

    /** @return finite bucket bounds, ascending (seconds for timers); empty without a histogram */
    public double[] bounds() {
        return bounds;
    }

    /** @return cumulative observations at or below each bound */
    public double[] cumulative() {
        return cumulative;
    }

    /** @return how many sampling intervals had their bucket counts estimated (decaying histogram) */
    public long estimatedIntervals() {
        return estimatedIntervals;
    }
}
