package dev.perfmon.jdbc.pool;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.internal.Require;
import dev.perfmon.jdbc.pool.internal.PoolMonitorCore;
import dev.perfmon.jdbc.pool.internal.PoolMonitorSettings;
import dev.perfmon.jdbc.pool.internal.PoolTracker;
import dev.perfmon.jdbc.pool.internal.PoolWatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Watches HikariCP pools: who holds the connections, who waits for them, exhaustion episodes,
 * timeouts per route and long holds, next to HikariCP's own {@code hikaricp.connections.*} meters.
 *
 * <pre>{@code
 * PerfMonPoolMonitor pools = PerfMonPoolMonitor.builder(perfMon).build();
 * HikariDataSource dataSource = pools.createDataSource(hikariConfig);   // plain HikariCP
 * // or, for a data source built elsewhere (Spring Boot), before its first getConnection():
 * pools.monitor(hikariDataSource);
 * }</pre>
 *
 * <p>A pool is {@linkplain MonitorMode#INSTRUMENTED instrumented} through a
 * {@link PerfMonMetricsTrackerFactory}; a pool that already has a metric registry or tracker
 * factory of its own is {@linkplain MonitorMode#POLLING polled} instead (logged once per pool).
 * One daemon thread per monitor samples every pool each {@linkplain Builder#sampleInterval
 * sample interval}; it stops when the monitor or its {@link PerfMon} closes.
 *
 * <p>Meters, all tagged {@code pool}: {@code perfmon.pool.exhaustion} (episodes opened),
 * {@code perfmon.pool.exhaustion.duration} (timer of closed episodes), {@code perfmon.pool.exhausted}
 * (1 while an episode is open), {@code perfmon.pool.waiting.peak} and {@code perfmon.pool.active.peak}
 * (highest sampled values over the recent window), and, also tagged {@code uri},
 * {@code perfmon.pool.timeouts} and {@code perfmon.pool.long.holds}. Events: {@link PoolExhausted},
 * {@link PoolExhaustionEnded}, {@link LongConnectionHold}.
 */
public final class PerfMonPoolMonitor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.perfmon.jdbc.pool");

    private final PerfMon perfMon;
    private final PoolMonitorSettings settings;
    private final PoolMonitorCore core;

    private PerfMonPoolMonitor(Builder builder) {
        this.perfMon = builder.perfMon;
        this.settings = new PoolMonitorSettings(builder.sampleInterval, builder.exhaustionThreshold,
                builder.quietPeriod, builder.longHoldThreshold, builder.captureAcquisitionStacks, builder.maxHolders);
        this.core = new PoolMonitorCore(perfMon, settings);
        perfMon.closeOnClose(this);
    }

    /**
     * @param perfMon where meters and events go; closing it closes the monitor
     * @return a builder with the defaults
     */
    public static Builder builder(PerfMon perfMon) {
        return new Builder(perfMon);
    }

    /**
     * Builds a pool from {@code config} with perfmon's tracker installed and its counts sampled live.
     * When the configuration already carries a metric registry or tracker factory, the pool keeps
     * it and is polled instead.
     *
     * @param config the pool configuration; its tracker factory is set unless it has metrics of its own
     * @return the started pool
     */
    public HikariDataSource createDataSource(HikariConfig config) {
        install(config, false);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            monitor(dataSource);
        } catch (RuntimeException | LinkageError failure) {
            // The pool is the application's: it is returned live, only perfmon's sampling is lost.
            perfMon.recordFailure("pool-monitor", failure);
        }
        return dataSource;
    }

    /**
     * Sets perfmon's tracker factory on a configuration, for code that builds the data source
     * itself. Pass the built data source to {@link #monitor(HikariDataSource)} as well so its live
     * counts are sampled; without that, waiting threads are read from HikariCP's one-second cached
     * statistics. A configuration with a metric registry or tracker factory of its own is left alone.
     *
     * @param config the configuration to change
     * @return {@code config}
     */
    public HikariConfig install(HikariConfig config) {
        return install(config, true);
    }

    private HikariConfig install(HikariConfig config, boolean explain) {
        Objects.requireNonNull(config, "config");
        MetricsTrackerFactory existing = config.getMetricsTrackerFactory();
        if (existing instanceof PerfMonMetricsTrackerFactory
                && ((PerfMonMetricsTrackerFactory) existing).belongsTo(core)) {
            return config;
        }
        if (existing != null || config.getMetricRegistry() != null) {
            if (explain) {
                LOG.log(System.Logger.Level.INFO, () -> "perfmon: HikariCP configuration " + describe(config.getPoolName())
                        + " already has " + describeMetrics(existing, config.getMetricRegistry())
                        + "; left unchanged. Pass the data source to PerfMonPoolMonitor.monitor() to poll it.");
            }
            return config;
        }
        config.setMetricsTrackerFactory(newFactory(config.getConnectionTimeout()));
        return config;
    }

    /**
     * @return a new tracker factory to set on a {@code HikariConfig} or {@code HikariDataSource}
     *     yourself (one per pool)
     */
    public PerfMonMetricsTrackerFactory trackerFactory() {
        return newFactory(30_000);
    }

    /**
     * Watches a data source built elsewhere. Call it before the pool's first
     * {@code getConnection()} where you can (a Spring {@code BeanPostProcessor}); a running pool
     * without metrics of its own is instrumented from now on. A pool that already has a metric
     * registry or a tracker factory other than perfmon's is polled through its
     * {@link HikariPoolMXBean} instead, and a line says so.
     *
     * @param dataSource the pool
     * @return its handle
     */
    public MonitoredPool monitor(HikariDataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        MetricsTrackerFactory existing = dataSource.getMetricsTrackerFactory();
        if (existing instanceof PerfMonMetricsTrackerFactory
                && ((PerfMonMetricsTrackerFactory) existing).belongsTo(core)) {
            return ((PerfMonMetricsTrackerFactory) existing).binding().bind(dataSource);
        }
        if (existing == null && dataSource.getMetricRegistry() == null) {
            MonitoredPool instrumented = instrument(dataSource);
            if (instrumented != null) {
                return instrumented;
            }
        }
        PoolWatch already = core.pollingWatchOf(dataSource);
        if (already != null) {
            return already;
        }
        PoolWatch watch = core.poll(dataSource);
        LOG.log(System.Logger.Level.INFO, () -> "perfmon: HikariCP pool " + describe(dataSource.getPoolName())
                + " already has " + describeMetrics(dataSource.getMetricsTrackerFactory(), dataSource.getMetricRegistry())
                + "; perfmon polls its HikariPoolMXBean every " + settings.sampleInterval().toMillis()
                + " ms instead (exhaustion episodes and peaks only: no holders, waiting routes,"
                + " per-route timeouts or db.pool wait)");
        return watch;
    }

    /** @return the instrumented pool, or null when HikariCP refused the factory */
    private @Nullable MonitoredPool instrument(HikariDataSource dataSource) {
        HikariPoolMXBean running = dataSource.getHikariPoolMXBean();
        int inUse = running == null ? 0 : running.getActiveConnections();
        PerfMonMetricsTrackerFactory factory = newFactory(dataSource.getConnectionTimeout());
        PoolWatch watch = factory.binding().bind(dataSource);
        try {
            dataSource.setMetricsTrackerFactory(factory);
        } catch (IllegalStateException refused) {
            // Another thread set metrics first: poll instead.
            watch.close();
            return null;
        }
        PoolTracker tracker = watch.tracker();
        if (running != null && tracker != null) {
            tracker.untracked(inUse);
        }
        return watch;
    }

    private PerfMonMetricsTrackerFactory newFactory(long connectionTimeoutMillis) {
        return new PerfMonMetricsTrackerFactory(perfMon, core.newBinding(connectionTimeoutMillis));
    }

    /** @return every pool watched now */
    public List<MonitoredPool> pools() {
        return new ArrayList<>(core.watches());
    }

    /**
     * @param name a HikariCP pool name
     * @return the watched pool of that name
     */
    public Optional<MonitoredPool> pool(String name) {
        for (PoolWatch watch : core.watches()) {
            if (watch.name().equals(name)) {
                return Optional.of(watch);
            }
        }
        return Optional.empty();
    }

    /** Stops sampling and removes perfmon's pool meters; the pools keep running. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    private static String describe(String poolName) {
        return poolName == null ? "(unnamed)" : "'" + poolName + "'";
    }

    private static String describeMetrics(MetricsTrackerFactory factory, Object registry) {
        return factory != null ? "a metrics tracker factory (" + factory.getClass().getName() + ")"
                : "a metric registry (" + (registry == null ? "?" : registry.getClass().getName()) + ")";
    }

    /** Collects the monitor's settings; every value is validated when set, with the value in the message. */
    public static final class Builder {
        private final PerfMon perfMon;
        private Duration sampleInterval = Duration.ofMillis(50);
        private Duration exhaustionThreshold = Duration.ofSeconds(1);
        private Duration quietPeriod = Duration.ofSeconds(2);
        private @Nullable Duration longHoldThreshold;
        private boolean captureAcquisitionStacks;
        private int maxHolders = 5;

        private Builder(PerfMon perfMon) {
            this.perfMon = Objects.requireNonNull(perfMon, "perfMon");
        }

        /**
         * How often each pool's live counts are sampled, 10 ms to 1 s; default 50 ms (HikariCP's
         * own gauges are cached for 1 s and miss shorter bursts).
         */
        public Builder sampleInterval(Duration value) {
            this.sampleInterval = Require.within("sampleInterval", value, Duration.ofMillis(10), Duration.ofSeconds(1),
                    "between 10 ms and 1 s");
            return this;
        }

        /**
         * How long threads must have waited on a full pool before an exhaustion episode opens;
         * default 1 s. Any acquisition timeout opens an episode at once.
         */
        public Builder exhaustionThreshold(Duration value) {
            this.exhaustionThreshold = Require.positive("exhaustionThreshold", value);
            return this;
        }

        /** How long the pool must be quiet (no waiting on a full pool, no timeout) before an episode closes; default 2 s. */
        public Builder quietPeriod(Duration value) {
            this.quietPeriod = Require.positive("quietPeriod", value);
            return this;
        }

        /**
         * Hold time past which a connection is reported as a {@link LongConnectionHold}; default,
         * per pool, the larger of 60 s and twice its {@code connectionTimeout}.
         */
        public Builder longHoldThreshold(Duration value) {
            this.longHoldThreshold = Require.positive("longHoldThreshold", value);
            return this;
        }

        /**
         * Whether each borrow records its stack, so holders show where they acquired the
         * connection; default false (it costs a stack capture per borrow, like HikariCP's leak
         * detection). Without it, findings show what the holding thread is doing when reported.
         */
        public Builder captureAcquisitionStacks(boolean value) {
            this.captureAcquisitionStacks = value;
            return this;
        }

        /** How many of the longest holders a snapshot lists, 1 to 100; default 5. */
        public Builder maxHolders(int value) {
            this.maxHolders = Require.between("maxHolders", value, 1, 100);
            return this;
        }

        /** @return the monitor, closed with the {@link PerfMon} */
        public PerfMonPoolMonitor build() {
            return new PerfMonPoolMonitor(this);
        }
    }
}
