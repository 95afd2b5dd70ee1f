package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report's windowed N+1 count is the increase of {@code perfmon.nplusone}, exact like PromQL
 * {@code increase}, however many findings overflowed the report's bounded event store.
 */
class WindowedFindingCountTest {

    @Test
    void moreNPlusOneFindingsThanTheStoreHoldsAreCountedExactlyInAWindowAndSinceStart() throws Exception {
        MockClock clock = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        int scopes = PerfReporter.DEFAULT_MAX_FINDINGS + 321;
        try (PerfMon perfMon = PerfMon.builder(registry).clock(clock)
                .config(PerfMonConfig.builder().logFindings(false).build()).build()) {
            PerfReporter reporter = PerfReporter.builder(perfMon).build();
            PerfMonDataSource dataSource = PerfMonDataSource.builder(Items.pool(TestDatabase.h2()), perfMon)
                    .name("main").build();
            clock.add(Duration.ofSeconds(5));
            reporter.sample();
            for (int request = 0; request < scopes; request++) {
                try (RequestScope scope = perfMon.openScope("GET /items"); Connection c = dataSource.getConnection();
                     PreparedStatement p = c.prepareStatement("select name from nplus_items where id = ?")) {
                    for (int id = 1; id <= 5; id++) {
                        p.setInt(1, id);
                        p.executeQuery().close();
                    }
                }
            }
            clock.add(Duration.ofSeconds(5));

            PerfReport window = reporter.report(Duration.ofSeconds(5));
            PerfReport sinceStart = reporter.report();

            double counter = registry.get(NPlusOneDetected.METER).counter().count();
            assertThat(counter).isEqualTo(scopes);
            assertThat(window.findingsDropped()).isEqualTo(scopes - PerfReporter.DEFAULT_MAX_FINDINGS);
            for (PerfReport report : new PerfReport[] {window, sinceStart}) {
                assertThat(report.findings()).filteredOn(f -> f.kind().equals(NPlusOneDetected.KIND)).singleElement()
                        .satisfies(f -> {
                            assertThat(f.route()).isEqualTo("GET /items");
                            assertThat(f.count()).isEqualTo(scopes);
                            assertThat(f.summary()).contains("select name from nplus_items where id = ?");
                        });
            }
            assertThat(window.findings()).extracting(Finding::kind).doesNotContain(DuplicateQuery.KIND);
        }
    }
}
