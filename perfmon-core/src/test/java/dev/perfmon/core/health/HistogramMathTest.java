package dev.perfmon.core.health;

import dev.perfmon.core.health.internal.HistogramMath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Prometheus' histogram_quantile, case by case (values as promql/quantile.go computes them). */
class HistogramMathTest {

    private static final double[] BOUNDS = {0.1, 0.2, 0.4, 1.0};

    @Test
    void interpolatesLinearlyWithinTheBucketHoldingTheRank() {
        double[] cumulative = {10, 50, 90, 100};
        // rank 50 -> exactly the 0.2 bucket's count
        assertThat(HistogramMath.quantile(0.5, BOUNDS, cumulative, 100)).isCloseTo(0.2, within(1e-12));
        // rank 70 -> (0.2, 0.4] holding 40, 20 in: 0.2 + 0.2 * 20/40
        assertThat(HistogramMath.quantile(0.7, BOUNDS, cumulative, 100)).isCloseTo(0.3, within(1e-12));
        // rank 5 -> first bucket, interpolated from 0
        assertThat(HistogramMath.quantile(0.05, BOUNDS, cumulative, 100)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void aRankInThePlusInfBucketYieldsTheHighestFiniteBound() {
        double[] cumulative = {10, 50, 90, 95};
        assertThat(HistogramMath.quantile(0.99, BOUNDS, cumulative, 100)).isEqualTo(1.0);
    }

    @Test
    void noObservationsOrNoBucketsIsNaN() {
        assertThat(HistogramMath.quantile(0.5, BOUNDS, new double[4], 0)).isNaN();
        assertThat(HistogramMath.quantile(0.5, new double[0], new double[0], 10)).isNaN();
    }

    @Test
    void quantilesOutsideZeroToOneAreInfinite() {
        double[] cumulative = {10, 50, 90, 100};
        assertThat(HistogramMath.quantile(-0.1, BOUNDS, cumulative, 100)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(HistogramMath.quantile(1.1, BOUNDS, cumulative, 100)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(HistogramMath.quantile(Double.NaN, BOUNDS, cumulative, 100)).isNaN();
    }

    @Test
    void nonMonotonicCountsAreForcedMonotonicAsPrometheusDoes() {
        // The 0.2 bucket under-reports (a racing scrape): treated as 30.
        double[] cumulative = {30, 20, 90, 100};
        assertThat(HistogramMath.quantile(0.25, BOUNDS, cumulative, 100)).isCloseTo(0.1 * 25 / 30, within(1e-12));
        assertThat(HistogramMath.quantile(0.6, BOUNDS, cumulative, 100)).isCloseTo(0.2 + 0.2 * 30 / 60, within(1e-12));
    }

    @Test
    void aFirstBucketAtOrBelowZeroReturnsItsBound() {
        double[] bounds = {0, 1};
        assertThat(HistogramMath.quantile(0.1, bounds, new double[] {5, 10}, 10)).isZero();
    }

    @Test
    void lowestAndHighestNonEmptyBucketsBoundTheMinimumAndMaximum() {
        double[] cumulative = {0, 40, 40, 40};
        assertThat(HistogramMath.lowestNonEmptyBound(BOUNDS, cumulative, 40)).isEqualTo(0.2);
        assertThat(HistogramMath.highestNonEmptyBound(BOUNDS, cumulative, 40)).isEqualTo(0.2);
        assertThat(HistogramMath.highestNonEmptyLowerBound(BOUNDS, cumulative, 40)).isEqualTo(0.1);
        assertThat(HistogramMath.highestNonEmptyBound(BOUNDS, cumulative, 41)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(HistogramMath.highestNonEmptyLowerBound(BOUNDS, cumulative, 41)).isEqualTo(1.0);
        assertThat(HistogramMath.lowestNonEmptyBound(BOUNDS, new double[4], 3)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(HistogramMath.lowestNonEmptyBound(BOUNDS, new double[4], 0)).isNaN();
    }
}
