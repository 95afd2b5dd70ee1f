package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.PoolStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads a HikariCP pool. With the data source bound, counts come live from
 * {@link HikariPoolMXBean} (HikariCP's gauges are cached for one second, too slow for bursts).
 * With only perfmon's tracker (the factory was set on a {@code HikariConfig} and the data source
 * never handed to the monitor), active connections come from perfmon's own holder table and the
 * other counts from HikariCP's one-second cached {@link PoolStats}.
 */
final class HikariProbe implements PoolProbe {

    private static final String HIKARI_TIMEOUTS = "hikaricp.connections.timeout";
    private static final long LOOKUP_INTERVAL_NANOS = 1_000_000_000L;

    private final MeterRegistry registry;
    private volatile @Nullable HikariDataSource dataSource;
    private volatile @Nullable PoolTracker tracker;
    private volatile long connectionTimeoutHint = 30_000;
    private @Nullable Counter hikariTimeoutCounter;
    private @Nullable FunctionCounter hikariTimeoutFunctionCounter;
    private long lastLookup = Long.MIN_VALUE;

    HikariProbe(MeterRegistry registry) {
        this.registry = registry;
    }

    void bind(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Nullable HikariDataSource dataSource() {
        return dataSource;
    }

    void attach(PoolTracker tracker) {
        this.tracker = tracker;
    }

    void connectionTimeoutHint(long millis) {
        this.connectionTimeoutHint = millis;
    }

    @Override
    public boolean read(PoolReadings into) {
        HikariDataSource ds = dataSource;
        HikariPoolMXBean pool = ds == null ? null : ds.getHikariPoolMXBean();
        if (ds != null && pool != null) {
            into.active = pool.getActiveConnections();
            into.idle = pool.getIdleConnections();
            into.total = pool.getTotalConnections();
            into.waiting = pool.getThreadsAwaitingConnection();
            into.max = ds.getMaximumPoolSize();
            return true;
        }
        PoolTracker t = tracker;
        if (t != null && t.stats() != null) {
            PoolStats stats = t.stats();
            into.active = t.holders.count();
            into.idle = stats.getIdleConnections();
            into.total = stats.getTotalConnections();
            into.waiting = stats.getPendingThreads();
            into.max = stats.getMaxConnections();
            return true;
        }
        return false;
    }

    @Override
    public @Nullable String poolName() {
        PoolTracker t = tracker;
        if (t != null) {
            return t.poolName();
        }
        HikariDataSource ds = dataSource;
        return ds == null || ds.getHikariPoolMXBean() == null ? null : ds.getPoolName();
    }

    @Override
    public long connectionTimeoutMillis() {
        HikariDataSource ds = dataSource;
        return ds != null ? ds.getConnectionTimeout() : connectionTimeoutHint;
    }

    @Override
    public boolean closed() {
        HikariDataSource ds = dataSource;
        return ds != null && ds.isClosed();
    }

    @Override
    public long hikariTimeouts() {
        if (hikariTimeoutCounter != null) {
            return (long) hikariTimeoutCounter.count();
        }
        if (hikariTimeoutFunctionCounter != null) {
            return (long) hikariTimeoutFunctionCounter.count();
        }
        String name = poolName();
        long now = System.nanoTime();
        if (name == null || (lastLookup != Long.MIN_VALUE && now - lastLookup < LOOKUP_INTERVAL_NANOS)) {
            return -1;
        }
        // The pool's own metrics may publish to perfmon's registry (Spring Boot does): use its count.
        lastLookup = now;
        hikariTimeoutCounter = registry.find(HIKARI_TIMEOUTS).tag("pool", name).counter();
        if (hikariTimeoutCounter == null) {
            hikariTimeoutFunctionCounter = registry.find(HIKARI_TIMEOUTS).tag("pool", name).functionCounter();
        }
        return hikariTimeoutCounter != null ? (long) hikariTimeoutCounter.count()
                : hikariTimeoutFunctionCounter != null ? (long) hikariTimeoutFunctionCounter.count() : -1;
    }
}
