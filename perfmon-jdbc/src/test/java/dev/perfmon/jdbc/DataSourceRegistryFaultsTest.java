package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.testsupport.FailingRegistry;
import dev.perfmon.testsupport.LogCapture;
import dev.perfmon.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The DataSource decorator over a registry that refuses meters or throws on record: it builds,
 * statements return their results and the application's own SQLException, findings are still
 * published, and every lost measurement is counted under {@code jdbc}.
 */
class DataSourceRegistryFaultsTest {

    private static final int REQUESTS = 40;
    private static final int LOOKUPS = 5;

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void withEveryRegistrationRefusedTheDecoratorBuildsAndCountsEachLostMeasurement(TestDatabase db) throws Exception {
        FailingRegistry registry = FailingRegistry.refusingRegistration();
        List<NPlusOneDetected> findings = new CopyOnWriteArrayList<>();
        try (LogCapture log = LogCapture.of("dev.perfmon"); PerfMon perfMon = perfMon(registry)) {
            perfMon.addListener(NPlusOneDetected.class, findings::add);
            PerfMonDataSource dataSource = decorator(db, perfMon);
            long refusedAtBuild = registry.refusedRegistrations("jdbc.");
            assertThat(refusedAtBuild).isPositive();

            runRequests(perfMon, dataSource);

            // Each statement's jdbc.query record and each request's perfmon.nplusone count are lost, and counted.
            long lost = (long) REQUESTS * LOOKUPS + REQUESTS;
            assertThat(perfMon.lostMeasurements("jdbc")).isEqualTo(lost);
            assertThat(perfMon.failureCount("jdbc"))
                    .isEqualTo(lost + refusedAtBuild + registry.refusedRegistrations("perfmon.nplusone"));
            assertThat(findings).hasSize(REQUESTS); // the finding itself still reaches listeners
            assertThat(log.containing("in jdbc")).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void withQueryTimersThatThrowTheScopesShareAndTheFindingsAreStillRecorded(TestDatabase db) throws Exception {
        FailingRegistry registry = FailingRegistry.throwingOnRecord().sparing("perfmon.");
        try (PerfMon perfMon = perfMon(registry)) {
            PerfMonDataSource dataSource = decorator(db, perfMon);

            runRequests(perfMon, dataSource);

            assertThat(registry.failedRecords("jdbc.query")).isEqualTo((long) REQUESTS * LOOKUPS);
            assertThat(perfMon.lostMeasurements("jdbc")).isEqualTo((long) REQUESTS * LOOKUPS);
            assertThat(perfMon.failureCount("jdbc")).isEqualTo((long) REQUESTS * LOOKUPS);
            assertThat(registry.get("perfmon.request.statements").tags("method", "GET", "uri", "/orders/{id}").summary()
                    .totalAmount()).isEqualTo(REQUESTS * LOOKUPS);
            assertThat(registry.get("perfmon.nplusone").tags("method", "GET", "uri", "/orders/{id}").counter().count())
                    .isEqualTo(REQUESTS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theApplicationsOwnSqlExceptionPassesThroughABrokenRegistryUnchanged(TestDatabase db) throws Exception {
        Throwable plain;
        try (Connection c = Items.pool(db).getConnection(); Statement s = c.createStatement()) {
            plain = catchThrowable(() -> s.executeQuery("select no_such_column from nplus_items"));
        }
        FailingRegistry registry = FailingRegistry.failingBoth();
        try (PerfMon perfMon = perfMon(registry)) {
            PerfMonDataSource dataSource = decorator(db, perfMon);
            Throwable decorated;
            try (RequestScope scope = perfMon.openScope("GET /broken"); Connection c = dataSource.getConnection();
                 Statement s = c.createStatement()) {
                decorated = catchThrowable(() -> s.executeQuery("select no_such_column from nplus_items"));
            }
            assertThat(decorated).isExactlyInstanceOf(plain.getClass()).hasMessage(plain.getMessage())
                    .hasNoSuppressedExceptions();
            assertThat(decorated).isInstanceOf(SQLException.class);
            assertThat(perfMon.lostMeasurements("jdbc")).isEqualTo(1); // the error outcome's timer
        }
    }

    private static PerfMon perfMon(FailingRegistry registry) {
        return PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build()).build();
    }

    private static PerfMonDataSource decorator(TestDatabase db, PerfMon perfMon) {
        return PerfMonDataSource.builder(Items.pool(db), perfMon).name("main")
                .nPlusOne(NPlusOneConfig.builder().severityFloor(Duration.ZERO).build()).build();
    }

    /** {@value #REQUESTS} requests, each looking up {@value #LOOKUPS} items one by one: an N+1 each. */
    private static void runRequests(PerfMon perfMon, PerfMonDataSource dataSource) throws SQLException {
        for (int request = 0; request < REQUESTS; request++) {
            try (RequestScope scope = perfMon.openScope("GET /orders/{id}"); Connection c = dataSource.getConnection();
                 PreparedStatement p = c.prepareStatement("select name from nplus_items where id = ?")) {
                for (int id = 1; id <= LOOKUPS; id++) {
                    p.setInt(1, id);
                    try (ResultSet rs = p.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("item-" + id);
                    }
                }
            }
        }
    }
}
