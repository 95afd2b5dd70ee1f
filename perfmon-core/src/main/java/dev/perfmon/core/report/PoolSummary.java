package dev.perfmon.core.report;

import java.util.List;
import java.util.Objects;

/**
 * A connection pool over the report's window, as the module that monitors the pool fills it in
 * through its {@link dev.perfmon.core.report.spi.Diagnosis} (perfmon-jdbc: from the pool's own
 * meters, sampled by the reporter, and from its exhaustion events,
 * {@link dev.perfmon.core.event.PoolSaturation}).
 * Peaks are over the reporter's samples (every few seconds), so a burst between two samples
 * can be missed; pool-exhaustion findings cover those. A pool known only from its events has
 * NaN for the meter values.
 *
 * @param pool the pool name
 * @param maxConnections the pool's maximum size (NaN if not published)
 * @param peakActive highest sampled connections in use
 * @param peakPending highest sampled threads waiting for a connection
 * @param timeouts acquisitions that timed out in the window
 * @param acquireAvgMs mean acquisition time (NaN without acquisitions)
 * @param episodes exhaustion episodes of this pool that opened in the window
 * @param mainHolders the routes that held the connections during those episodes: the one with
 *     the most hold time and any others with at least half as much, at most three, most first
 */
public record PoolSummary(String pool, double maxConnections, double peakActive, double peakPending, long timeouts,
                          double acquireAvgMs, long episodes, List<PoolHolder> mainHolders) {

    public PoolSummary {
        Objects.requireNonNull(pool, "pool");
        mainHolders = List.copyOf(mainHolders);
    }

    /** A pool without exhaustion episodes: the meter values alone. */
    public PoolSummary(String pool, double maxConnections, double peakActive, double peakPending, long timeouts,
                       double acquireAvgMs) {
        this(pool, maxConnections, peakActive, peakPending, timeouts, acquireAvgMs, 0, List.of());
    }
}
