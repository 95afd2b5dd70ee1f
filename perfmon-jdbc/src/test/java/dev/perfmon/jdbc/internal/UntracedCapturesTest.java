package dev.perfmon.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.Databases;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack captures that learned untraced repeats save, counted where they happen (HikariCP over
 * H2): a shape that ran three times in each of the last 64 scopes captures no stack for its first
 * three executions, and captures again from the fourth, or in every execution of a shape that came
 * near a finding.
 */
class UntracedCapturesTest {

    private static final String SQL = "select name from untraced_items where id = ?";

    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();
    private final JdbcMonitor monitor = new JdbcMonitor(perfMon, "main", NPlusOneConfig.defaults(), 4096, true);
    private final HikariDataSource pool = Databases.pool(TestDatabase.h2());

    @AfterEach
    void close() {
        perfMon.close();
    }

    /** Runs one scope of {@code executions} lookups (ids 1, 2, 3 ...) and returns the shape's state just before it closes. */
    private Counts scope(int executions) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /items");
             Connection c = new TimedConnection(pool.getConnection(), monitor)) {
            for (int id = 1; id <= executions; id++) {
                try (PreparedStatement p = c.prepareStatement(SQL)) {
                    p.setInt(1, id);
                    p.executeQuery().close();
                }
            }
            StatementStats stats = monitor.detector().statements(scope).tracked().get(0);
            return new Counts(stats.count, stats.traced, stats.untraced, stats.partial);
        }
    }

    private record Counts(int count, int traced, int untraced, boolean partial) {
    }

    @Test
    void aShapeLearnedAtThreeRunsPerScopeCapturesNoStackForItsFirstThree() throws SQLException {
        Databases.execute(TestDatabase.h2(), "drop table if exists untraced_items",
                "create table untraced_items (id int primary key, name varchar(20))",
                "insert into untraced_items select x, 'item-' || x from system_range(1, 10)");
        assertThat(scope(3)).isEqualTo(new Counts(3, 3, 0, false));
        for (int i = 0; i < 62; i++) {
            scope(3);
        }
        assertThat(scope(3)).as("the 64th scope is still traced: learned when it closes").isEqualTo(new Counts(3, 3, 0, false));
        assertThat(scope(3)).isEqualTo(new Counts(3, 0, 3, false));
        assertThat(scope(4)).as("past what was learned, traced again").isEqualTo(new Counts(4, 1, 3, false));
        // The scope of 4 was quiet too (below 5, no parameter set repeated): 4 are now left untraced.
        assertThat(scope(4)).isEqualTo(new Counts(4, 0, 4, false));
        // A scope that reaches the N+1 threshold walks from then on, and the next one traces everything.
        assertThat(scope(6)).isEqualTo(new Counts(6, 2, 4, false));
        assertThat(scope(3)).isEqualTo(new Counts(3, 3, 0, false));
    }
}
