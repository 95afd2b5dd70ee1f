package dev.perfmon.core.report;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.ContractMeters;
import dev.perfmon.core.health.HealthMonitor;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** A health monitor and a reporter of one PerfMon read one meter history: no section contradicts another. */
class OneHistoryTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final ContractMeters meters = new ContractMeters(registry);

    @AfterEach
    void close() {
        perfMon.close();
    }

    @Test
    void samplesTakenByTheMonitorAreWindowBoundariesForTheReporterAndTheOtherWayRound() {
        HealthMonitor monitor = HealthMonitor.builder(perfMon).interval(Duration.ofSeconds(5)).build();
        PerfReporter reporter = PerfReporter.builder(perfMon).health(monitor).build();
        meters.requests(40, "GET", "/posts", 200, ms(20));
        clock.add(Duration.ofSeconds(30));
        monitor.evaluate(); // the only sample between the first requests and the next ones
        meters.requests(10, "GET", "/posts", 200, ms(20));
        clock.add(Duration.ofSeconds(10));

        // The last 10 s start at the monitor's sample: only the second batch is in them.
        PerfReport lastTenSeconds = reporter.report(Duration.ofSeconds(10));

        assertThat(lastTenSeconds.routes().get(0).requests()).isEqualTo(10);
        assertThat(reporter.report().routes().get(0).requests()).isEqualTo(50);
    }
}
