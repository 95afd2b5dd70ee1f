package dev.perfmon.jdbc.pool.internal;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import dev.perfmon.core.ContainedMeters;

/**
 * HikariCP's own Micrometer tracker with its failures kept out of the pool. HikariCP calls its
 * tracker inside {@code getConnection()}, on {@code close()} and on its connection-adder thread:
 * a registry that throws there would leak the borrowed connection or stop the pool growing. Each
 * callback that throws is a lost measurement of {@code pool-monitor}; when the tracker could not
 * even be created (the registry refused its meters), each callback is counted as lost.
 */
public final class ContainedTracker implements IMetricsTracker {

    private final IMetricsTracker delegate;
    private final ContainedMeters meters;

    private ContainedTracker(IMetricsTracker delegate, ContainedMeters meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    /** @return HikariCP's tracker from {@code factory}, contained; never throws */
    public static IMetricsTracker create(MetricsTrackerFactory factory, String poolName, PoolStats stats,
                                         ContainedMeters meters) {
        try {
            return new ContainedTracker(factory.create(poolName, stats), meters);
        } catch (RuntimeException | LinkageError failure) {
            meters.record(failure);
            return new ContainedTracker(null, meters);
        }
    }

    @Override
    public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
        if (delegate == null) {
            meters.lost(null);
            return;
        }
        try {
            delegate.recordConnectionCreatedMillis(connectionCreatedMillis);
        } catch (RuntimeException | LinkageError failure) {
            meters.lost(failure);
        }
    }

    @Override
    public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
        if (delegate == null) {
            meters.lost(null);
            return;
        }
        try {
            delegate.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
        } catch (RuntimeException | LinkageError failure) {
            meters.lost(failure);
        }
    }

    @Override
    public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
        if (delegate == null) {
            meters.lost(null);
            return;
        }
        try {
            delegate.recordConnectionUsageMillis(elapsedBorrowedMillis);
        } catch (RuntimeException | LinkageError failure) {
            meters.lost(failure);
        }
    }

    @Override
    public void recordConnectionTimeout() {
        if (delegate == null) {
            meters.lost(null);
            return;
        }
        try {
            delegate.recordConnectionTimeout();
        } catch (RuntimeException | LinkageError failure) {
            meters.lost(failure);
        }
    }

    @Override
    public void close() {
        if (delegate == null) {
            return;
        }
        try {
            delegate.close();
        } catch (RuntimeException | LinkageError failure) {
            meters.record(failure);
        }
    }
}
