package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.PoolStats;
import dev.perfmon.jdbc.internal.PendingAcquisitions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state behind one perfmon tracker factory: the pools it created trackers for (by name),
 * their boards of acquisitions in progress (by name, shared with DataSource decorators), and a watch prepared for a data source that has not started its pool yet, claimed by the
 * factory's next {@code create} call.
 */
public final class TrackerBinding {

    private final PoolMonitorCore core;
    private final long connectionTimeoutHint;
    private final Map<String, PoolWatch> byName = new ConcurrentHashMap<>();
    private final Map<String, PendingAcquisitions> pending = new ConcurrentHashMap<>();
    private @Nullable PoolWatch offeredWatch;
    private @Nullable HikariProbe offeredProbe;

    TrackerBinding(PoolMonitorCore core, long connectionTimeoutHint) {
        this.core = core;
        this.connectionTimeoutHint = connectionTimeoutHint;
    }

    /** @return whether this binding belongs to {@code candidate} */
    public boolean ownedBy(PoolMonitorCore candidate) {
        return core == candidate;
    }

    /** HikariCP created a pool with this binding's factory: track it. */
    public IMetricsTracker track(String poolName, PoolStats stats, IMetricsTracker hikari) {
        PoolWatch watch;
        HikariProbe probe;
        synchronized (this) {
            watch = offeredWatch;
            probe = offeredProbe;
            offeredWatch = null;
            offeredProbe = null;
        }
        if (watch == null || probe == null || watch.isClosed()) {
            probe = new HikariProbe(core.perfMon().registry());
            probe.connectionTimeoutHint(connectionTimeoutHint);
            watch = core.newWatch(probe, dev.perfmon.jdbc.pool.MonitorMode.INSTRUMENTED);
        }
        PoolTracker tracker = new PoolTracker(core.perfMon(), hikari, poolName, stats, core.settings(),
                pendingAcquisitions(poolName));
        probe.attach(tracker);
        watch.attach(tracker);
        byName.put(poolName, watch);
        return tracker;
    }

    /**
     * @param poolName a pool created (or to be created) with this binding's factory
     * @return where DataSource decorators register that pool's acquisitions in progress; the same
     *     board for the pool's tracker, whichever asks first
     */
    public PendingAcquisitions pendingAcquisitions(String poolName) {
        PendingAcquisitions board = pending.get(poolName);
        return board != null ? board : pending.computeIfAbsent(poolName, name -> new PendingAcquisitions());
    }

    /**
     * Connects a data source whose factory is this binding's, so its pool is sampled live.
     *
     * @return the pool's watch
     */
    public synchronized PoolWatch bind(HikariDataSource dataSource) {
        if (dataSource.getHikariPoolMXBean() != null) {
            PoolWatch watch = byName.get(dataSource.getPoolName());
            if (watch != null && watch.probe() instanceof HikariProbe) {
                ((HikariProbe) watch.probe()).bind(dataSource);
                return watch;
            }
        }
        PoolWatch watch = offeredWatch;
        HikariProbe probe = offeredProbe;
        if (watch == null || probe == null || watch.isClosed()) {
            probe = new HikariProbe(core.perfMon().registry());
            probe.bind(dataSource);
            watch = core.newWatch(probe, dev.perfmon.jdbc.pool.MonitorMode.INSTRUMENTED);
            offeredProbe = probe;
            offeredWatch = watch;
        } else {
            probe.bind(dataSource);
        }
        return watch;
    }
}
