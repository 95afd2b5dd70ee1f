package dev.perfmon.jdbc;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import dev.perfmon.jdbc.internal.PoolWaitRecorder;

/** Stands in for a pool monitor that attributes connection wait itself (and reads no acquisitions in progress). */
final class TestPoolWaitRecorder implements MetricsTrackerFactory {

    TestPoolWaitRecorder() {
        PoolWaitRecorder.register(this, (poolName, perfMon) -> null);
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        return new IMetricsTracker() {
        };
    }
}
