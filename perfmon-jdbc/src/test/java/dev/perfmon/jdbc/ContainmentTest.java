package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure inside perfmon never reaches the application: it is counted and the statement's result goes on. */
class ContainmentTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    /** A registry whose {@code jdbc.query} timers throw on every record. */
    static final class BrokenTimers extends SimpleMeterRegistry {
        @Override
        protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
            if (!id.getName().equals("jdbc.query")) {
                return super.newTimer(id, config, pauseDetector);
            }
            return new CumulativeTimer(id, clock, config.merge(DistributionStatisticConfig.DEFAULT), pauseDetector,
                    getBaseTimeUnit(), false) {
                @Override
                protected void recordNonNegative(long amount, TimeUnit unit) {
                    throw new IllegalStateException("registry broken");
                }
            };
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBrokenRegistryIsCountedWhileStatementsReturnTheirResults(TestDatabase db) throws SQLException {
        try (PerfMon perfMon = PerfMon.builder(new BrokenTimers())
                .config(PerfMonConfig.builder().logFindings(false).build()).build()) {
            PerfMonDataSource dataSource = PerfMonDataSource.wrap(Items.pool(db), perfMon);
            try (RequestScope scope = perfMon.openScope("GET /broken"); Connection c = dataSource.getConnection();
                 PreparedStatement p = c.prepareStatement("select name from nplus_items where id = ?")) {
                for (int id = 1; id <= 3; id++) {
                    p.setInt(1, id);
                    try (ResultSet rs = p.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("item-" + id);
                    }
                }
            }
            assertThat(perfMon.failureCount("jdbc")).isEqualTo(3);
        }
    }
}
