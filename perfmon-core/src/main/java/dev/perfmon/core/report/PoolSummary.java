package dev.perfmon.core.report;

import java.util.Objects;

/**
 * A connection pool over the report's window, from HikariCP's own meters sampled by the reporter.
 * Peaks are over the reporter's samples (every few seconds), so a burst between two samples
 * can be missed; pool-exhaustion findings cover those.
 *
 * @param pool the pool name
 * @param maxConnections {@code hikaricp.connections.max} (NaN if not published)
 * @param peakActive highest sampled {@code hikaricp.connections.active}
 * @param peakPending highest sampled {@code hikaricp.connections.pending}
 * @param timeouts increase of {@code hikaricp.connections.timeout}
 * @param acquireAvgMs mean {@code hikaricp.connections.acquire} time (NaN without acquisitions)
 */
public record PoolSummary(String pool, double maxConnections, double peakActive, double peakPending, long timeouts,
                          double acquireAvgMs) {

    public PoolSummary {
        Objects.requireNonNull(pool, "pool");
    }
}
