package dev.perfmon.core.health.internal;

/**
 * Prometheus' {@code histogram_quantile} arithmetic on cumulative {@code le} buckets, so that
 * in-process quantiles agree with the ones a Prometheus server computes from the same buckets:
 * monotonicity is forced, the rank is located with the same search, values are interpolated
 * linearly within the bucket (from 0 for the first bucket), and a rank falling into the
 * {@code +Inf} bucket yields the highest finite bound.
 */
public final class HistogramMath {

    private HistogramMath() {
    }

    /**
     * @param q the quantile, in [0, 1]
     * @param bounds finite upper bounds, ascending
     * @param cumulative observations at or below each bound (same length as {@code bounds})
     * @param total every observation, the {@code +Inf} bucket
     * @return the estimated quantile in the bounds' unit, NaN without observations or buckets
     */
    public static double quantile(double q, double[] bounds, double[] cumulative, double total) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        int n = bounds.length + 1;
        if (n < 2) {
            return Double.NaN;
        }
        double[] counts = monotonic(cumulative, total);
        double observations = counts[n - 1];
        if (!(observations > 0)) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < n - 1 && counts[b] < rank) {
            b++;
        }
        if (b == n - 1) {
            return bounds[n - 2];
        }
        if (b == 0 && bounds[0] <= 0) {
            return bounds[0];
        }
        double bucketStart = 0;
        double bucketEnd = bounds[b];
        double count = counts[b];
        if (b > 0) {
            bucketStart = bounds[b - 1];
            count -= counts[b - 1];
            rank -= counts[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /**
     * The honest lower-end statement buckets allow: the smallest observation lies in
     * (previous bound, returned bound].
     *
     * @return the upper bound of the lowest non-empty bucket, +Inf when only the +Inf bucket
     *     holds observations, NaN without observations
     */
    public static double lowestNonEmptyBound(double[] bounds, double[] cumulative, double total) {
        if (!(total > 0)) {
            return Double.NaN;
        }
        for (int i = 0; i < bounds.length; i++) {
            if (cumulative[i] > 0) {
                return bounds[i];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * @return the upper bound of the highest non-empty bucket (+Inf when observations exceed
     *     every finite bound), NaN without observations
     */
    public static double highestNonEmptyBound(double[] bounds, double[] cumulative, double total) {
        if (!(total > 0)) {
            return Double.NaN;
        }
        double[] counts = monotonic(cumulative, total);
        if (bounds.length == 0 || counts[bounds.length] > counts[bounds.length - 1]) {
            return Double.POSITIVE_INFINITY;
        }
        for (int i = 0; i < bounds.length; i++) {
            if (counts[i] >= counts[bounds.length]) {
                return bounds[i];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * @return the lower bound of the highest non-empty bucket: the largest observation is above
     *     it; 0 when the first bucket holds it, NaN without observations
     */
    public static double highestNonEmptyLowerBound(double[] bounds, double[] cumulative, double total) {
        double upper = highestNonEmptyBound(bounds, cumulative, total);
        if (Double.isNaN(upper)) {
            return upper;
        }
        if (Double.isInfinite(upper)) {
            return bounds.length == 0 ? 0 : bounds[bounds.length - 1];
        }
        double lower = 0;
        for (double bound : bounds) {
            if (bound >= upper) {
                break;
            }
            lower = bound;
        }
        return lower;
    }

    private static double[] monotonic(double[] cumulative, double total) {
        double[] counts = new double[cumulative.length + 1];
        double max = 0;
        for (int i = 0; i < cumulative.length; i++) {
            max = Math.max(max, nonNegative(cumulative[i]));
            counts[i] = max;
        }
        counts[cumulative.length] = Math.max(max, nonNegative(total));
        return counts;
    }

    private static double nonNegative(double value) {
        return value > 0 ? value : 0;
    }
}
