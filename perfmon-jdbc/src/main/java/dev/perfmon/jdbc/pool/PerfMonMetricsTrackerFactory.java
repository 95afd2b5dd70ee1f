package dev.perfmon.jdbc.pool;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.perfmon.core.PerfMon;
import dev.perfmon.jdbc.internal.PoolWaitRecorder;
import dev.perfmon.jdbc.pool.internal.ContainedTracker;
import dev.perfmon.jdbc.pool.internal.PoolMonitorCore;
import dev.perfmon.jdbc.pool.internal.TrackerBinding;

/**
 * The HikariCP {@link MetricsTrackerFactory} perfmon installs. Each tracker it creates first
 * calls HikariCP's own {@link MicrometerMetricsTrackerFactory} tracker for perfmon's registry, so
 * the standard {@code hikaricp.connections.*} meters are exactly what they would be without
 * perfmon, then records perfmon's view: the borrowing route, the {@code db.pool} segment of the
 * request scope, holders, waits and timeouts.
 *
 * <p>Obtain one from {@link PerfMonPoolMonitor#trackerFactory()} or let
 * {@link PerfMonPoolMonitor#install} / {@link PerfMonPoolMonitor#monitor} set it. Because it
 * attributes acquisition wait to the scope's {@code db.pool} segment, perfmon's DataSource
 * decorator does not record that wait again for a pool using this factory; instead the decorator
 * registers its {@code getConnection} calls in progress with the pool's watch.
 */
public final class PerfMonMetricsTrackerFactory implements MetricsTrackerFactory {

    private final PerfMon perfMon;
    private final MicrometerMetricsTrackerFactory hikari;
    private final TrackerBinding binding;

    PerfMonMetricsTrackerFactory(PerfMon perfMon, TrackerBinding binding) {
        this.perfMon = perfMon;
        this.hikari = new MicrometerMetricsTrackerFactory(perfMon.registry());
        this.binding = binding;
        // The decorator finds the pool's board through this registration (the lambda holds no reference to this factory).
        PoolWaitRecorder.register(this, (poolName, decoratorPerfMon) ->
                decoratorPerfMon == perfMon ? binding.pendingAcquisitions(poolName) : null);
    }

    /**
     * Called by HikariCP when a pool starts (or when this factory is set on a running pool).
     * A failure inside perfmon falls back to HikariCP's own tracker alone; the pool always starts.
     * HikariCP's tracker is itself contained: a registry that refuses its meters or throws on
     * record costs those measurements (counted as lost under {@code pool-monitor}), never a
     * borrow, a return or the pool's growth.
     */
    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        IMetricsTracker standard = ContainedTracker.create(hikari, poolName, poolStats, perfMon.meters("pool-monitor"));
        try {
            return binding.track(poolName, poolStats, standard);
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure("pool-monitor", failure);
            return standard;
        }
    }

    TrackerBinding binding() {
        return binding;
    }

    boolean belongsTo(PoolMonitorCore core) {
        return binding.ownedBy(core);
    }

    @Override
    public String toString() {
        return "PerfMonMetricsTrackerFactory{" + perfMon + '}';
    }
}
