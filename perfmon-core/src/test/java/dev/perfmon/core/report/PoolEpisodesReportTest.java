package dev.perfmon.core.report;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.ContractMeters;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.perfmon.core.report.TestPoolEvent.ended;
import static dev.perfmon.core.report.TestPoolEvent.held;
import static dev.perfmon.core.report.TestPoolEvent.opened;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report's pools carry what their exhaustion events say as data (episodes, the routes holding
 * the connections and for how long) over the same period as the findings.
 */
class PoolEpisodesReportTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final PerfMon perfMon = PerfMon.builder(registry).clock(clock)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final PerfReporter reporter = PerfReporter.builder(perfMon).build();

    @AfterEach
    void close() {
        perfMon.close();
    }

    @Test
    void aPoolSummaryCountsItsEpisodesAndNamesTheRoutesThatHeldTheConnections() {
        new ContractMeters(registry).pool("main", 10, 10, 12);
        perfMon.publish(opened("main", 10, 10, 12, perfMon.now(),
                held("GET /report", 1.5), held("GET /report", 1.4), held("GET /export", 0.6), held("GET /posts", 0.2)));
        perfMon.publish(ended("main", 15, perfMon.now(), held("GET /report", 3.0), held("GET /export", 2.4),
                held("GET /posts", 1.0), held("none", 60)));
        clock.add(Duration.ofSeconds(10));

        PoolSummary pool = reporter.report().pools().get(0);

        assertThat(pool.pool()).isEqualTo("main");
        assertThat(pool.episodes()).as("only the opening event opens an episode").isEqualTo(1);
        // 5.9 s for GET /report; GET /export's 3.0 s is at least half of it, GET /posts' 1.2 s is not;
        // holds outside any request scope name no route.
        assertThat(pool.mainHolders()).containsExactly(new PoolHolder("GET /report", 5.9),
                new PoolHolder("GET /export", 3.0));
        assertThat(pool.peakActive()).as("the meters' own peaks stay as sampled").isEqualTo(10);
        assertThat(pool.peakPending()).isEqualTo(12);
    }

    @Test
    void aWindowKeepsOnlyTheEpisodesThatHappenedInIt() {
        perfMon.publish(opened("main", 10, 10, 4, perfMon.now(), held("GET /early", 2.0)));
        clock.add(Duration.ofMinutes(2));
        reporter.sample();
        perfMon.publish(opened("main", 10, 10, 4, perfMon.now(), held("GET /late", 1.0)));
        perfMon.publish(ended("main", 6, perfMon.now(), held("GET /late", 1.5)));
        clock.add(Duration.ofSeconds(30));

        PerfReport recentReport = reporter.report(Duration.ofSeconds(30));
        PoolSummary recent = recentReport.pools().get(0);
        PoolSummary all = reporter.report().pools().get(0);

        assertThat(recentReport.findings()).filteredOn(f -> f.kind().equals("pool.exhausted")).singleElement()
                .satisfies(f -> assertThat(f.count()).as("the findings keep the same window").isEqualTo(1));
        assertThat(recent.episodes()).isEqualTo(1);
        assertThat(recent.mainHolders()).containsExactly(new PoolHolder("GET /late", 2.5));
        assertThat(all.episodes()).isEqualTo(2);
        assertThat(all.mainHolders()).containsExactly(new PoolHolder("GET /late", 2.5), new PoolHolder("GET /early", 2.0));
    }

    @Test
    void aPoolKnownOnlyFromItsEventsIsListedWithoutMeterValues() {
        perfMon.publish(opened("batch", 4, 4, 9, perfMon.now(), held("job:import", 12)));
        clock.add(Duration.ofSeconds(10));

        PerfReport report = reporter.report();

        assertThat(report.pools()).singleElement().satisfies(pool -> {
            assertThat(pool.pool()).isEqualTo("batch");
            assertThat(pool.maxConnections()).isNaN();
            assertThat(pool.peakActive()).isNaN();
            assertThat(pool.episodes()).isEqualTo(1);
            assertThat(pool.mainHolders()).containsExactly(new PoolHolder("job:import", 12));
        });
        assertThat(report.toText()).contains("batch", "1 exhaustion episode, held by job:import");
    }
}
