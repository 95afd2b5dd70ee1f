package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.jdbc.pool.PoolDiagnosis;
import dev.perfmon.jdbc.pool.MonitorMode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The machinery of one pool monitor: its watches and the single daemon thread that samples them
 * all every sample interval. Started with the first pool, stopped when the monitor (or its
 * {@link PerfMon}) closes.
 */
public final class PoolMonitorCore implements AutoCloseable {

    private final PerfMon perfMon;
    private final PoolMonitorSettings settings;
    private final List<PoolWatch> watches = new CopyOnWriteArrayList<>();
    private @Nullable ScheduledExecutorService sampler;
    private boolean closed;

    public PoolMonitorCore(PerfMon perfMon, PoolMonitorSettings settings) {
        this.perfMon = perfMon;
        this.settings = settings;
        perfMon.diagnoses().register(PoolDiagnosis.INSTANCE);
    }

    PerfMon perfMon() {
        return perfMon;
    }

    PoolMonitorSettings settings() {
        return settings;
    }

    /** @return a binding for a new tracker factory */
    public TrackerBinding newBinding(long connectionTimeoutHintMillis) {
        return new TrackerBinding(this, connectionTimeoutHintMillis);
    }

    /** @return the watch already polling {@code dataSource}, or {@code null} */
    public @Nullable PoolWatch pollingWatchOf(HikariDataSource dataSource) {
        for (PoolWatch watch : watches) {
            if (watch.probe() instanceof HikariProbe && ((HikariProbe) watch.probe()).dataSource() == dataSource) {
                return watch;
            }
        }
        return null;
    }

    /** @return a watch polling {@code dataSource}, the existing one when it is already polled */
    public synchronized PoolWatch poll(HikariDataSource dataSource) {
        PoolWatch existing = pollingWatchOf(dataSource);
        if (existing != null) {
            return existing; // monitored twice: one watch, one set of meters
        }
        HikariProbe probe = new HikariProbe(perfMon.registry());
        probe.bind(dataSource);
        return newWatch(probe, MonitorMode.POLLING);
    }

    synchronized PoolWatch newWatch(PoolProbe probe, MonitorMode intended) {
        PoolWatch watch = new PoolWatch(perfMon, settings, probe, intended);
        if (closed) {
            watch.close();
            return watch;
        }
        watch.onClose(() -> watches.remove(watch));
        watches.add(watch);
        watch.startIfKnown();
        if (sampler == null) {
            sampler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "perfmon-pool-sampler-" + perfMon.id());
                thread.setDaemon(true);
                return thread;
            });
            long interval = settings.sampleInterval().toNanos();
            sampler.scheduleWithFixedDelay(this::tickAll, interval, interval, TimeUnit.NANOSECONDS);
        }
        return watch;
    }

    /** One sample of every pool; a failure in one pool is counted and does not stop the others. */
    void tickAll() {
        long now = perfMon.clock().monotonicTime();
        for (PoolWatch watch : watches) {
            try {
                watch.tick(now);
            } catch (RuntimeException | LinkageError failure) {
                perfMon.recordFailure(PoolTracker.COMPONENT, failure);
            }
        }
    }

    /** @return the pools watched now */
    public List<PoolWatch> watches() {
        return List.copyOf(watches);
    }

    /** Stops the sampler and removes every pool's meters. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = sampler;
            sampler = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
        }
        for (PoolWatch watch : watches) {
            watch.close();
        }
    }
}
