package dev.perfmon.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.testsupport.TestDatabase;
import dev.perfmon.testsupport.TestThreads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A registry, a {@link PerfMon} recording every event with its arrival time, a pool monitor,
 * real HikariCP pools and worker threads; closes them all.
 */
final class PoolFixture implements AutoCloseable {

    /** An event and when it arrived ({@link System#nanoTime()}). */
    record Received(PerfMonEvent event, long atNanos) {
    }

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final PerfMon perfMon;
    final PerfMonPoolMonitor monitor;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final ExecutorService threads = TestThreads.cachedExecutor();

    PoolFixture(Consumer<PerfMonPoolMonitor.Builder> settings) {
        this(settings, false);
    }

    PoolFixture(Consumer<PerfMonPoolMonitor.Builder> settings, boolean logFindings) {
        perfMon = PerfMon.builder(registry)
                .config(PerfMonConfig.builder().logFindings(logFindings).build())
                .listener(event -> received.add(new Received(event, System.nanoTime())))
                .build();
        PerfMonPoolMonitor.Builder builder = PerfMonPoolMonitor.builder(perfMon);
        settings.accept(builder);
        monitor = builder.build();
    }

    /** A configuration for {@code db} whose pool is filled up front, so no test waits on connection creation. */
    static HikariConfig config(TestDatabase db, String poolName, int size, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setPoolName(poolName);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setValidationTimeout(250);
        return config;
    }

    /** Builds the pool through the monitor and waits until every connection is open. */
    HikariDataSource pool(HikariConfig config) {
        HikariDataSource dataSource = monitor.createDataSource(config);
        return filled(dataSource);
    }

    void closeLater(HikariDataSource dataSource) {
        pools.add(dataSource);
    }

    HikariDataSource filled(HikariDataSource dataSource) {
        pools.add(dataSource);
        int size = dataSource.getMaximumPoolSize();
        Await.until(Duration.ofSeconds(10), () -> dataSource.getHikariPoolMXBean().getIdleConnections() == size,
                () -> "pool " + dataSource.getPoolName() + " filled to " + size);
        return dataSource;
    }

    /** Runs {@code work} on a worker thread inside a request scope of {@code route}. */
    Future<?> inScope(String route, ScopedWork work) {
        return threads.submit(() -> {
            try (RequestScope scope = perfMon.openScope(route)) {
                work.run(scope);
            }
            return null;
        });
    }

    /** Runs {@code work} on a worker thread, outside any scope. */
    Future<?> onThread(ThrowingRunnable work) {
        return threads.submit(() -> {
            work.run();
            return null;
        });
    }

    /** Keeps {@code connection} busy: {@code pg_sleep} on PostgreSQL, the borrowing thread sleeping on H2. */
    static void hold(TestDatabase db, Connection connection, Duration duration) throws SQLException, InterruptedException {
        if (db.isPostgres()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_sleep(" + duration.toMillis() / 1000.0 + ")");
            }
        } else {
            try (Statement statement = connection.createStatement()) {
                statement.execute("select 1");
            }
            Thread.sleep(duration.toMillis());
        }
    }

    <E extends PerfMonEvent> List<E> events(Class<E> type) {
        return received.stream().map(Received::event).filter(type::isInstance).map(type::cast)
                .collect(Collectors.toList());
    }

    <E extends PerfMonEvent> E awaitEvent(Class<E> type, Duration timeout) {
        Await.until(timeout, () -> !events(type).isEmpty(), () -> type.getSimpleName() + " among " + received);
        return events(type).get(0);
    }

    /**
     * Waits until the monitor of {@code pool} holds no finished waits. A borrow from an idle pool
     * can take over the 1 ms notice threshold on a loaded machine; it stays noted until the
     * sampler has seen the pool quiet for a moment, and a saturation run starting before that
     * would count it among the waiting routes.
     */
    void awaitNoWaitsNoted(String pool) {
        MonitoredPool watched = monitor.pool(pool).orElseThrow();
        Await.until(Duration.ofSeconds(10), () -> watched.snapshot().waitingRoutes().isEmpty(),
                () -> "no waits noted for pool " + pool + ", still " + watched.snapshot().waitingRoutes());
    }

    long arrivalOf(PerfMonEvent event) {
        return received.stream().filter(r -> r.event() == event).findFirst().orElseThrow().atNanos();
    }

    double count(String meter, String... tags) {
        var counter = registry.find(meter).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    static void await(List<Future<?>> futures) throws Exception {
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        pools.forEach(HikariDataSource::close);
        perfMon.close();
    }

    /** Work that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Work done inside a scope. */
    @FunctionalInterface
    interface ScopedWork {
        void run(RequestScope scope) throws Exception;
    }
}
