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

    /** Stands for a tracker that could not be created: every callback on it is a lost measurement. */
    private static final IMetricsTracker MISSING = new IMetricsTracker() { };

    /** The callbacks passed on, named rather than captured in a lambda, so a callback allocates nothing. */
    private enum Callback { CREATED, ACQUIRED, USAGE, TIMEOUT }

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
            return new ContainedTracker(MISSING, meters);
        }
    }

    @Override
    public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
        record(Callback.CREATED, connectionCreatedMillis);
    }

    @Override
    public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
        record(Callback.ACQUIRED, elapsedAcquiredNanos);
    }

    @Override
    public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
        record(Callback.USAGE, elapsedBorrowedMillis);
    }

    @Override
    public void recordConnectionTimeout() {
        record(Callback.TIMEOUT, 0);
    }

    private void record(Callback callback, long value) {
        if (delegate == MISSING) {
            meters.lost(null);
            return;
        }
        try {
            switch (callback) {
                case CREATED -> delegate.recordConnectionCreatedMillis(value);
                case ACQUIRED -> delegate.recordConnectionAcquiredNanos(value);
                case USAGE -> delegate.recordConnectionUsageMillis(value);
                case TIMEOUT -> delegate.recordConnectionTimeout();
            }
        } catch (RuntimeException | LinkageError failure) {
            meters.lost(failure);
        }
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } catch (RuntimeException | LinkageError failure) {
            meters.record(failure);
        }
    }
}
