package dev.perfmon.jdbc.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.NPlusOneDetected;
import dev.perfmon.jdbc.NPlusOneRecorder;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detector's per-scope state is reused with its scope: the next scope a thread opens gets
 * the same state, emptied, so steady-state requests allocate none of it, and nothing of one
 * request (counts, call sites, statements) reaches the next one's findings.
 */
class DetectorStateReuseTest {

    private static final NPlusOneConfig CONFIG = NPlusOneConfig.builder()
            .applicationPackages(DetectorStateReuseTest.class.getName()).build();

    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();
    private final NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon);
    private final JdbcMonitor monitor = new JdbcMonitor(perfMon, "main", CONFIG, 4096, true);
    private Connection raw;

    @BeforeEach
    void database() throws SQLException {
        TestDatabase db = TestDatabase.h2();
        raw = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        try (Statement s = raw.createStatement()) {
            s.execute("create table reuse_items (id int primary key, name varchar(20))");
            s.execute("insert into reuse_items select x, 'item-' || x from system_range(1, 20)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        recorder.close();
        perfMon.close();
        raw.close();
    }

    @Test
    void theNextScopeOfTheThreadGetsTheSameStateEmptied() throws SQLException {
        ScopeStatements first;
        List<StatementStats> firstTracked;
        try (RequestScope scope = perfMon.openScope("GET /a")) {
            run(3, "select name from reuse_items where id = ?", "select id from reuse_items where id = ?");
            first = monitor.detector().statements(scope);
            firstTracked = first.tracked();
            assertThat(firstTracked).hasSize(2);
            assertThat(first.stateBytes()).isPositive();
        }
        try (RequestScope scope = perfMon.openScope("GET /b")) {
            assertThat(monitor.detector().statements(scope)).as("nothing attached before a statement runs").isNull();
            run(1, "select id, name from reuse_items where id = ?");
            ScopeStatements second = monitor.detector().statements(scope);
            assertThat(second).isSameAs(first);
            assertThat(second.tracked()).hasSize(1).first().satisfies(stats -> {
                assertThat(stats.fingerprint).isEqualTo("select id, name from reuse_items where id = ?");
                assertThat(stats.count).isEqualTo(1);
                assertThat(stats).as("an emptied state is handed out again").isIn(firstTracked);
            });
        }
        // The one statement the first scope ran that the second did not is emptied, holding nothing of its request.
        StatementStats unused = firstTracked.stream().filter(s -> s.fingerprint.isEmpty()).findFirst().orElseThrow();
        assertThat(unused.info).isSameAs(StatementStats.NO_STATEMENT);
        assertThat(unused.sites).isEmpty();
        assertThat(unused.resolved()).isFalse();
        assertThat(unused.count).isZero();
    }

    @Test
    void aFindingCountsOnlyItsOwnScopesExecutions() throws SQLException {
        for (int request = 0; request < 3; request++) {
            try (RequestScope scope = perfMon.openScope("GET /posts")) {
                run(6 + request, "select name from reuse_items where id = ?");
            }
        }
        assertThat(recorder.nPlusOnes()).extracting(NPlusOneDetected::count).containsExactly(6, 7, 8);
        assertThat(recorder.nPlusOnes()).extracting(NPlusOneDetected::callSites)
                .allSatisfy(sites -> assertThat(sites).hasSize(1));
        assertThat(recorder.nPlusOnes()).extracting(NPlusOneDetected::note).containsOnlyNulls();
    }

    @Test
    void aScopeThatLeftItsThreadKeepsItsStateAfterClose() throws SQLException {
        RequestScope retained = perfMon.openScope("GET /a").retain();
        ScopeStatements kept;
        try (RequestScope scope = retained) {
            run(2, "select name from reuse_items where id = ?");
            kept = monitor.detector().statements(scope);
        }
        try (RequestScope scope = perfMon.openScope("GET /b")) {
            run(1, "select name from reuse_items where id = ?");
            assertThat(monitor.detector().statements(scope)).isNotSameAs(kept);
        }
        assertThat(kept.tracked()).singleElement().satisfies(stats -> assertThat(stats.count).isEqualTo(2));
    }

    /** Runs each statement {@code times} times, with ids 1, 2, 3 ... */
    private void run(int times, String... sqls) throws SQLException {
        Connection c = new TimedConnection(raw, monitor); // not closed: the raw connection outlives the scopes
        for (String sql : sqls) {
            for (int i = 1; i <= times; i++) {
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    statement.setInt(1, i);
                    statement.executeQuery().close();
                }
            }
        }
    }
}
