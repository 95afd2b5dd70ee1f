package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Findings reach the default rate-limited log line of perfmon-core, without a line per request. */
class FindingLogTest {

    private final Logger findings = Logger.getLogger("dev.perfmon.findings");
    private final List<LogRecord> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Test
    void nPlusOneIsLoggedOncePerRouteAndIntervalThroughTheCoreListener() throws Exception {
        findings.addHandler(capture);
        try (PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry()).build()) {
            PerfMonDataSource dataSource = PerfMonDataSource.builder(Items.pool(TestDatabase.h2()), perfMon)
                    .name("main").nPlusOne(NPlusOneConfig.builder().severityFloor(Duration.ZERO).build()).build();
            for (int request = 0; request < 3; request++) {
                try (RequestScope scope = perfMon.openScope("GET /items"); Connection c = dataSource.getConnection();
                     PreparedStatement p = c.prepareStatement("select name from nplus_items where id = ?")) {
                    for (int id = 1; id <= 5; id++) {
                        p.setInt(1, id);
                        p.executeQuery().close();
                    }
                }
            }
        } finally {
            findings.removeHandler(capture);
        }

        assertThat(lines).hasSize(1);
        LogRecord line = lines.get(0);
        // Over the severity floor (zero here, so the level does not depend on timing): a warning.
        assertThat(line.getLevel()).isEqualTo(Level.WARNING);
        assertThat(line.getMessage())
                .startsWith("perfmon nplusone: GET /items: N+1 query, 5 executions with 5 parameter sets (")
                .contains(" ms) at dev.perfmon.jdbc.FindingLogTest.nPlusOneIsLoggedOncePerRouteAndIntervalThroughTheCoreListener(FindingLogTest.java:")
                .endsWith("[datasource main]: select name from nplus_items where id = ? -- consider fetching the rows"
                        + " in one statement (a join or an IN list) instead of one statement per row");
    }

    @Test
    void twoDistinctNPlusOnesOfOneRouteAreTwoLinesAndTheirRepeatsNone() throws Exception {
        findings.addHandler(capture);
        try (PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry()).build()) {
            PerfMonDataSource dataSource = PerfMonDataSource.builder(Items.pool(TestDatabase.h2()), perfMon)
                    .name("main").nPlusOne(NPlusOneConfig.builder().severityFloor(Duration.ZERO).build()).build();
            for (int request = 0; request < 3; request++) {
                try (RequestScope scope = perfMon.openScope("GET /items"); Connection c = dataSource.getConnection();
                     PreparedStatement names = c.prepareStatement("select name from nplus_items where id = ?");
                     PreparedStatement prices = c.prepareStatement("select price from nplus_items where id = ?")) {
                    for (int id = 1; id <= 5; id++) {
                        names.setInt(1, id);
                        names.executeQuery().close();
                        prices.setInt(1, id);
                        prices.executeQuery().close();
                    }
                }
            }
        } finally {
            findings.removeHandler(capture);
        }

        assertThat(lines).extracting(LogRecord::getMessage).hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith("perfmon nplusone: GET /items: N+1 query, 5 executions")
                        .contains(": select name from nplus_items where id = ?"))
                .anySatisfy(line -> assertThat(line).startsWith("perfmon nplusone: GET /items: N+1 query, 5 executions")
                        .contains(": select price from nplus_items where id = ?"));
    }
}
