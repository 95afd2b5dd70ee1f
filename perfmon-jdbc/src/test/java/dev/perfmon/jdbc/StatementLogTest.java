package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.jdbc.internal.SqlType;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trips per statement type in every scope ({@link StatementCounts}), and what a
 * {@link StatementLog} records while attached: each scope's statement shapes with their call
 * sites, from any thread, reported once the scope's findings are published.
 */
class StatementLogTest {

    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @AfterEach
    void close() {
        perfMon.close();
    }

    private PerfMonDataSource dataSource(TestDatabase db) {
        return PerfMonDataSource.builder(Items.pool(db), perfMon).name("main").nPlusOne(NPlusOneConfig.strict()).build();
    }

    private static String site(String method, String code) {
        return SourceLines.callSite(StatementLogTest.class, method, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void countsRoundTripsByTypeAndABatchAsOne(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        StatementCounts counts;
        try (RequestScope scope = perfMon.openScope("job:counts"); Connection c = dataSource.getConnection()) {
            selectNames(c, 1, 2, 3);
            try (PreparedStatement insert = c.prepareStatement("insert into nplus_scratch (id, note) values (?, ?)")) {
                for (int i = 0; i < 10; i++) {
                    insert.setInt(1, 9000 + i);
                    insert.setString(2, "n" + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update nplus_scratch set note = 'x' where id >= 9000");
                s.executeUpdate("delete from nplus_scratch where id >= 9000");
                s.execute("create table if not exists nplus_other (id int)");
            }
            counts = StatementCounts.of(scope);
            assertThat(scope.counter(ScopeCounter.STATEMENTS)).isEqualTo(7);
        }

        assertThat(counts).isEqualTo(new StatementCounts(3, 1, 1, 1, 1));
        assertThat(counts.total()).isEqualTo(7);
        assertThat(counts.get(StatementType.SELECT)).isEqualTo(3);
        assertThat(counts.plus(counts).get(StatementType.INSERT)).isEqualTo(2);
    }

    private static void selectNames(Connection c, int... ids) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select name from nplus_items where id = ?")) {
            for (int id : ids) {
                p.setInt(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void logsEachShapeWithItsCallSitesAndPublishesFindingsFirst(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        try (NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon);
             StatementLog log = StatementLog.start(perfMon)) {
            try (RequestScope scope = perfMon.openScope("GET /items"); Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.executeQuery("select count(*) from nplus_items").close();
                }
                selectNames(c, 1, 2, 3, 4);
            }

            assertThat(log.scopes()).hasSize(1);
            LoggedScope scope = log.scopes().get(0);
            assertThat(scope.route()).isEqualTo("GET /items");
            assertThat(scope.counts()).isEqualTo(new StatementCounts(5, 0, 0, 0, 0));
            assertThat(scope.statements()).containsExactly(
                    new ExecutedStatement("main", "select count(*) from nplus_items", StatementType.SELECT, 1,
                            Map.of(site("logsEachShapeWithItsCallSitesAndPublishesFindingsFirst",
                                    "s.executeQuery(\"select count(*)"), 1)),
                    new ExecutedStatement("main", "select name from nplus_items where id = ?", StatementType.SELECT, 4,
                            Map.of(site("selectNames", "try (ResultSet rs = p.executeQuery())"), 4)));
            assertThat(recorder.nPlusOnes()).extracting(NPlusOneDetected::count).containsExactly(4);
        }
    }

    @Test
    void statementTypesMatchTheInternalKindsOneToOne() {
        assertThat(Arrays.stream(SqlType.values()).map(Enum::name))
                .containsExactly(Arrays.stream(StatementType.values()).map(Enum::name).toArray(String[]::new));
        assertThat(Arrays.stream(SqlType.values()).map(type -> type.scopeCounter().name())).containsExactly(
                "db.statements.select", "db.statements.insert", "db.statements.update", "db.statements.delete",
                "db.statements.other");
    }

    @Test
    void reportsScopesOfOtherThreadsAndWaitsForThemToClose() throws Exception {
        PerfMonDataSource dataSource = dataSource(TestDatabase.h2());
        CountDownLatch ran = new CountDownLatch(1);
        CountDownLatch mayClose = new CountDownLatch(1);
        try (StatementLog log = StatementLog.start(perfMon)) {
            Thread worker = new Thread(() -> {
                try (RequestScope scope = perfMon.openScope("GET /worker"); Connection c = dataSource.getConnection()) {
                    selectNames(c, 5);
                    ran.countDown();
                    mayClose.await();
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(log.openScopes()).isEqualTo(1);
            assertThat(log.awaitOpenScopes(Duration.ofMillis(50))).isFalse();
            mayClose.countDown();
            assertThat(log.awaitOpenScopes(Duration.ofSeconds(5))).isTrue();
            worker.join();

            assertThat(log.scopes()).extracting(LoggedScope::route).containsExactly("GET /worker");
            assertThat(log.counts().select()).isEqualTo(1);
        }
    }

    @Test
    void recordsNoShapesOnceClosedWhileStillCountingTypes() throws SQLException {
        PerfMonDataSource dataSource = dataSource(TestDatabase.h2());
        StatementLog log = StatementLog.start(perfMon);
        log.close();
        try (RequestScope scope = perfMon.openScope("job:after"); Connection c = dataSource.getConnection()) {
            selectNames(c, 1);
            assertThat(StatementCounts.of(scope).select()).isEqualTo(1);
        }
        assertThat(log.scopes()).isEmpty();
    }
}
