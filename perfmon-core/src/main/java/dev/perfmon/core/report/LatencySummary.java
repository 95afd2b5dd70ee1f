package dev.perfmon.core.report;

/**
 * Latency of a set of requests over the report's window, in milliseconds (NaN when unknown).
 * Quantiles come from the timers' histogram buckets with Prometheus' {@code histogram_quantile}
 * interpolation, so they match a Grafana panel over the same window and are as precise as the
 * buckets are fine; the one difference is that no quantile is reported above {@link #maxMs()}
 * (interpolation in a wide bucket can overshoot the slowest request; Grafana would show the
 * overshoot).
 *
 * @param avgMs total time over count, exact
 * @param minAtMostMs Micrometer keeps no minimum: the upper bound of the lowest non-empty
 *     bucket, i.e. the fastest request took at most this long (and more than the bound below it)
 * @param medianMs p50 from the buckets
 * @param p90Ms p90 from the buckets
 * @param p95Ms p95 from the buckets
 * @param p99Ms p99 from the buckets
 * @param maxMs the highest maximum the timers reported while the window was sampled, limited to
 *     the highest non-empty bucket's bounds (a timer's max decays over a couple of minutes, so it
 *     can include requests shortly before the window)
 * @param estimated whether bucket counts had to be estimated in part because the registry's
 *     histograms decay (Prometheus registries keep cumulative buckets: never estimated)
 */
public record LatencySummary(double avgMs, double minAtMostMs, double medianMs, double p90Ms, double p95Ms,
                             double p99Ms, double maxMs, boolean estimated) {

    /** The summary of no requests. */
    public static final LatencySummary EMPTY = new LatencySummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, false);
}
