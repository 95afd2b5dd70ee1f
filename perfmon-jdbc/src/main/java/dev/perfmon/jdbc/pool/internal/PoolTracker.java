package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.PoolStats;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.jdbc.internal.PendingAcquisitions;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The metrics tracker HikariCP calls for one pool. Every callback first goes to HikariCP's own
 * Micrometer tracker (so {@code hikaricp.connections.*} are exactly what they would be without
 * perfmon), then to perfmon's tracking. Neither can throw into the pool: HikariCP's tracker comes
 * wrapped in a {@link ContainedTracker}, and perfmon's part catches and counts its own failures.
 *
 * <p>HikariCP calls, per its {@code PoolBase.MetricsTrackerDelegate}:
 * <ul>
 *   <li>{@link #recordConnectionAcquiredNanos} on the borrower's thread, after a connection was
 *       taken (and also when the wait timed out, immediately followed by
 *       {@link #recordConnectionTimeout} on the same thread, before the exception is thrown);</li>
 *   <li>{@link #recordConnectionUsageMillis} on the thread that closes the connection;</li>
 *   <li>{@link #recordConnectionCreatedMillis} on HikariCP's connection-adder thread;</li>
 *   <li>{@link #close} when the pool shuts down.</li>
 * </ul>
 */
public final class PoolTracker implements IMetricsTracker {

    static final String COMPONENT = "pool-monitor";
    static final String NO_ROUTE = "none";

    private final PerfMon perfMon;
    private final IMetricsTracker hikari;
    private final String poolName;
    private final PoolStats stats;
    private final boolean captureStacks;
    private final long longWaitNanos;
    final HolderTable holders = new HolderTable();
    final WaitLog waits;
    /** {@code getConnection} calls in progress, registered by perfmon's DataSource decorator. */
    final PendingAcquisitions pending;
    private final RouteCounters timeoutCounters;
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong longWaits = new AtomicLong();
    /** Start (coarse time) of the latest acquisition that waited longer than the exhaustion threshold. */
    private volatile long lastLongWaitStart = Long.MIN_VALUE;
    /** The sampler's latest time; borrows are stamped with it instead of reading the clock. */
    private volatile long coarseNow;
    /** The pool's connection timeout: an acquisition reported this late is a timeout. */
    private volatile long timeoutNanos = Long.MAX_VALUE;
    /** Whether the sampler sees a saturation run or an open episode; set each sample. */
    private volatile boolean contended;
    private volatile @Nullable Runnable onClose;

    PoolTracker(PerfMon perfMon, IMetricsTracker hikari, String poolName, PoolStats stats,
                PoolMonitorSettings settings) {
        this(perfMon, hikari, poolName, stats, settings, new PendingAcquisitions());
    }

    PoolTracker(PerfMon perfMon, IMetricsTracker hikari, String poolName, PoolStats stats,
                PoolMonitorSettings settings, PendingAcquisitions pending) {
        this.pending = pending;
        this.perfMon = perfMon;
        this.hikari = hikari;
        this.poolName = poolName;
        this.stats = stats;
        this.captureStacks = settings.captureAcquisitionStacks();
        this.longWaitNanos = settings.exhaustionThreshold().toNanos();
        this.waits = new WaitLog(perfMon.config().overflowTagValue());
        this.timeoutCounters = new RouteCounters(perfMon.meters(COMPONENT), "perfmon.pool.timeouts",
                "Connection acquisitions that timed out, by the waiting route", poolName, perfMon.routeGuard());
        this.coarseNow = perfMon.clock().monotonicTime();
    }

    @Override
    public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
        try {
            RequestScope scope = perfMon.currentScope();
            String route = NO_ROUTE;
            if (scope != null) {
                scope.recordSegment(Segment.DB_POOL, elapsedAcquiredNanos);
                route = scope.route();
            }
            long now = coarseNow;
            // HikariCP reports a timed-out wait here too, just before recordConnectionTimeout():
            // such a borrow is recorded without a route, so the sampler never shows it as a holder.
            String holderRoute = elapsedAcquiredNanos >= timeoutNanos ? null : route;
            holders.borrowed(holderRoute, now, captureStacks ? new AcquisitionSite() : null);
            if (elapsedAcquiredNanos >= WaitLog.NOTICE_NANOS) {
                noteWait(route, elapsedAcquiredNanos, now);
            }
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(COMPONENT, failure);
        }
        hikari.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
    }

    private void noteWait(String route, long nanos, long now) {
        waits.noteWait(route, nanos, now);
        if (nanos >= longWaitNanos) {
            lastLongWaitStart = now - nanos;
            longWaits.incrementAndGet();
        }
    }

    @Override
    public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
        try {
            holders.returned(coarseNow, elapsedBorrowedMillis * 1_000_000L);
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(COMPONENT, failure);
        }
        hikari.recordConnectionUsageMillis(elapsedBorrowedMillis);
    }

    @Override
    public void recordConnectionTimeout() {
        try {
            holders.undoBorrow();
            RequestScope scope = perfMon.currentScope();
            String route = scope == null ? NO_ROUTE : scope.route();
            waits.noteTimeout(route, coarseNow);
            timeouts.incrementAndGet();
            timeoutCounters.increment(route);
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(COMPONENT, failure);
        }
        hikari.recordConnectionTimeout();
    }

    @Override
    public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
        hikari.recordConnectionCreatedMillis(connectionCreatedMillis);
    }

    @Override
    public void close() {
        try {
            Runnable callback = onClose;
            if (callback != null) {
                callback.run();
            }
            timeoutCounters.remove();
            holders.clear();
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(COMPONENT, failure);
        }
        hikari.close();
    }

    /** Connections already in use when perfmon attached to a running pool: their returns match no borrow. */
    public void untracked(int connections) {
        holders.untracked(connections);
    }

    String poolName() {
        return poolName;
    }

    PoolStats stats() {
        return stats;
    }

    long timeouts() {
        return timeouts.get();
    }

    long longWaits() {
        return longWaits.get();
    }

    long lastLongWaitStart() {
        return lastLongWaitStart;
    }

    void tick(long now) {
        coarseNow = now;
    }

    void connectionTimeout(long millis) {
        long nanos = millis > 0 ? millis * 1_000_000L : Long.MAX_VALUE;
        if (timeoutNanos != nanos) {
            timeoutNanos = nanos;
        }
    }

    void contended(boolean value) {
        if (contended != value) {
            contended = value;
        }
    }

    void onClose(Runnable callback) {
        this.onClose = callback;
    }
}
