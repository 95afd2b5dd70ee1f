package dev.perfmon.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.testsupport.FailingRegistry;
import dev.perfmon.testsupport.LogCapture;
import dev.perfmon.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HikariCP under the pool monitor keeps lending, returning and growing whatever the registry
 * does; every measurement the registry loses is counted under {@code pool-monitor}.
 */
class PoolRegistryFaultsTest {

    private static final String COMPONENT = "pool-monitor";
    private static final int MAX = 4;
    private static final int BORROWS = 60;

    /** What the pool did, to compare the lost-measurement count with HikariCP's own callbacks. */
    private record Run(int borrows, int returns, int timeouts, int created) {
        long callbacks() {
            return borrows + returns + timeouts + created;
        }
    }

    @Test
    void withMetersThatThrowOnEveryRecordThePoolLendsReturnsGrowsAndTimesOutAsHikariCpDoes() throws Exception {
        FailingRegistry registry = FailingRegistry.throwingOnRecord().sparing("perfmon.");
        Run run;
        try (PerfMon perfMon = perfMon(registry)) {
            run = exercise(perfMon, "throwing");
            // Counted after the pool closed: HikariCP makes no more callbacks.
            assertThat(registry.failedRecords("hikaricp.")).isEqualTo(run.callbacks());
            assertThat(registry.failedRecords("hikaricp.connections.acquire")).isEqualTo(run.borrows());
            assertThat(registry.failedRecords("hikaricp.connections.usage")).isEqualTo(run.returns());
            assertThat(perfMon.lostMeasurements(COMPONENT)).isEqualTo(run.callbacks());
            assertThat(perfMon.failureCount(COMPONENT)).isEqualTo(run.callbacks());
            assertThat(registry.get("perfmon.internal.errors").tag("component", COMPONENT).counter().count())
                    .isEqualTo(run.callbacks());
        }
    }

    @Test
    void withHikariCpsMetersRefusedThePoolStartsAndEveryCallbackIsCountedAsLost() throws Exception {
        FailingRegistry registry = FailingRegistry.refusingRegistration().sparing("perfmon.");
        try (PerfMon perfMon = perfMon(registry)) {
            Run run = exercise(perfMon, "refused");
            assertThat(registry.refusedRegistrations("hikaricp.")).isEqualTo(1); // its first meter stops it
            assertThat(perfMon.lostMeasurements(COMPONENT)).isEqualTo(run.callbacks());
            assertThat(perfMon.failureCount(COMPONENT)).isEqualTo(1 + run.callbacks());
        }
    }

    @Test
    void withEveryRegistrationRefusedEvenTheErrorsCounterNothingReachesThePool() throws Exception {
        FailingRegistry registry = FailingRegistry.failingBoth();
        try (LogCapture log = LogCapture.of("dev.perfmon"); PerfMon perfMon = perfMon(registry)) {
            Run run = exercise(perfMon, "refused-all");
            // HikariCP's callbacks, and perfmon's own pool meters: each record on a stand-in is lost.
            assertThat(perfMon.lostMeasurements(COMPONENT)).isGreaterThanOrEqualTo(run.callbacks());
            assertThat(perfMon.failureCount(COMPONENT)).isEqualTo(perfMon.lostMeasurements(COMPONENT)
                    + registry.refusedRegistrations("hikaricp.") + registry.refusedRegistrations("perfmon.pool."));
            assertThat(log.containing(COMPONENT)).hasSize(1);
        }
    }

    @Test
    void manyThreadsBorrowingThroughAThrowingRegistryLogTheFailureExactlyOnce() throws Exception {
        int threads = 8;
        int borrowsPerThread = 50;
        FailingRegistry registry = FailingRegistry.throwingOnRecord().sparing("perfmon.");
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try (LogCapture log = LogCapture.of("dev.perfmon"); PerfMon perfMon = perfMon(registry)) {
            PerfMonPoolMonitor monitor = PerfMonPoolMonitor.builder(perfMon).build();
            HikariDataSource pool = monitor.createDataSource(config("concurrent", 2_000));
            int created;
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(workers.submit(() -> {
                        start.await();
                        for (int i = 0; i < borrowsPerThread; i++) {
                            try (Connection c = pool.getConnection()) {
                                assertThat(selectOne(c)).isEqualTo(1);
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : done) {
                    future.get(60, TimeUnit.SECONDS);
                }
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
                created = pool.getHikariPoolMXBean().getTotalConnections();
            } finally {
                pool.close();
            }
            long borrows = (long) threads * borrowsPerThread;
            assertThat(perfMon.lostMeasurements(COMPONENT)).isEqualTo(2 * borrows + created);
            assertThat(log.containing(COMPONENT)).hasSize(1);
        } finally {
            workers.shutdownNow();
        }
    }

    private static PerfMon perfMon(FailingRegistry registry) {
        return PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build()).build();
    }

    private static HikariConfig config(String name, long connectionTimeoutMillis) {
        TestDatabase db = TestDatabase.h2();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setPoolName(name);
        config.setMaximumPoolSize(MAX);
        config.setMinimumIdle(0); // starts empty: every connection is grown on demand
        config.setConnectionTimeout(connectionTimeoutMillis);
        config.setValidationTimeout(250);
        return config;
    }

    /**
     * Borrows and returns {@value #BORROWS} times in request scopes, grows the pool to its maximum
     * by holding every connection, times out one more borrow, returns everything, closes the pool.
     */
    private static Run exercise(PerfMon perfMon, String name) throws Exception {
        HikariDataSource pool = PerfMonPoolMonitor.builder(perfMon).build().createDataSource(config(name, 400));
        try {
            for (int i = 0; i < BORROWS; i++) {
                try (RequestScope scope = perfMon.openScope("GET /orders"); Connection c = pool.getConnection()) {
                    assertThat(selectOne(c)).isEqualTo(1);
                }
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
            }

            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < MAX; i++) {
                held.add(pool.getConnection());
            }
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(MAX);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(MAX);

            // The application sees HikariCP's own exception, not perfmon's.
            assertThatThrownBy(pool::getConnection)
                    .isExactlyInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("Connection is not available, request timed out after")
                    .hasNoSuppressedExceptions();

            for (Connection c : held) {
                assertThat(selectOne(c)).isEqualTo(1);
                c.close();
            }
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
            int created = pool.getHikariPoolMXBean().getTotalConnections();
            return new Run(BORROWS + MAX + 1, BORROWS + MAX, 1, created);
        } finally {
            pool.close();
        }
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
