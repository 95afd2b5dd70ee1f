package dev.perfmon.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.NPlusOneDetected;
import dev.perfmon.jdbc.NPlusOneRecorder;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detector's memory per scope and data source stays within its budget whatever a scope
 * runs, over HikariCP and H2: 100,000 statements of 2,000 shapes, one after another (a job) or
 * interleaved (the worst case: every shape held at once). The budget is checked by the
 * detector's own deterministic account ({@link StateBudget}); statement counts stay exact, and
 * findings from folded state say so.
 */
class DetectorMemoryBudgetTest {

    private static final int SHAPES = 2_000;
    private static final int ROUNDS = 50;
    private static final int ROWS = ROUNDS;
    /** The defaults, with this test (in a perfmon package) as the application. */
    private static final NPlusOneConfig CONFIG = NPlusOneConfig.builder()
            .applicationPackages(DetectorMemoryBudgetTest.class.getName()).build();
    private static final Pattern UNATTRIBUTED = Pattern.compile("^(\\d+) more executions");

    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();
    private final NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon);
    private HikariDataSource pool;

    @BeforeEach
    void pool() throws SQLException {
        TestDatabase db = TestDatabase.h2();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table budget_items (id int primary key, name varchar(20))");
            s.execute("insert into budget_items select x, 'item-' || x from system_range(1, " + ROWS + ")");
        }
    }

    @AfterEach
    void close() {
        recorder.close();
        perfMon.close();
        pool.close();
    }

    @Test
    void twoThousandShapesRunOneAfterAnotherStayWithinOneMebibyteWithExactCounts() throws SQLException {
        run(false, CONFIG, 1L << 20);
    }

    @Test
    void twoThousandShapesInterleavedStayWithinOneMebibyteWithExactCounts() throws SQLException {
        run(true, CONFIG, 1L << 20);
    }

    @Test
    void aSmallerBudgetHoldsTooAndIsReached() throws SQLException {
        run(true, CONFIG.toBuilder().maxStateBytesPerScope(64 * 1024).build(), 64 * 1024);
    }

    private void run(boolean interleaved, NPlusOneConfig config, long budget) throws SQLException {
        JdbcMonitor monitor = new JdbcMonitor(perfMon, "main", config, 4096, true);
        long tracked = 0;
        long untracked;
        long statements;
        try (RequestScope scope = perfMon.openScope("job:import");
             Connection c = new TimedConnection(pool.getConnection(), monitor)) {
            PreparedStatement[] shapes = new PreparedStatement[SHAPES];
            for (int shape = 0; shape < SHAPES; shape++) {
                shapes[shape] = c.prepareStatement("select name as c" + shape + " from budget_items where id = ?");
            }
            for (int i = 0; i < SHAPES * ROUNDS; i++) {
                int shape = interleaved ? i % SHAPES : i / ROUNDS;
                int round = interleaved ? i / SHAPES : i % ROUNDS;
                shapes[shape].setInt(1, round + 1);
                shapes[shape].executeQuery().close();
            }
            for (PreparedStatement shape : shapes) {
                shape.close();
            }

            ScopeStatements state = monitor.detector().statements(scope);
            assertThat(state.stateBytes()).isLessThanOrEqualTo(budget);
            untracked = state.untracked();
            assertThat(untracked).as("executions of shapes first seen past the budget").isPositive();
            for (StatementStats stats : state.tracked()) {
                assertThat(stats.count).isEqualTo(ROUNDS);
                tracked += stats.count;
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // Every statement counted exactly: by the scope, and by the detector, tracked or folded.
        assertThat(statements).isEqualTo((long) SHAPES * ROUNDS);
        assertThat(tracked + untracked).isEqualTo((long) SHAPES * ROUNDS);
        assertThat(recorder.nPlusOnes()).isNotEmpty();
        int exact = 0;
        for (NPlusOneDetected finding : recorder.nPlusOnes()) {
            if (finding.note() == null) {
                exact++;
                assertThat(finding.count()).isEqualTo(ROUNDS);
                assertThat(finding.distinctParameterSets()).isEqualTo(ROUNDS);
                assertThat(finding.callSite()).doesNotContain(CallSites.UNKNOWN);
            } else {
                // Folded: some executions have no call site, or count at 'unknown' (another group).
                Matcher unattributed = UNATTRIBUTED.matcher(finding.note());
                int folded = unattributed.find() ? Integer.parseInt(unattributed.group(1)) : 0;
                assertThat(finding.count() + folded).as(finding.note()).isLessThanOrEqualTo(ROUNDS);
                assertThat(finding.summary()).endsWith("(" + finding.note() + ")");
            }
        }
        if (!interleaved) {
            // One after another, each shape's traces are released before the next: most are exact.
            assertThat(exact).isGreaterThan(100);
        }
        assertThat(recorder.nPlusOnes()).anySatisfy(f -> assertThat(f.note()).isNotNull());
    }
}
