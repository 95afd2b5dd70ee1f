package dev.perfmon.core.report;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.health.ContractMeters;
import dev.perfmon.core.report.spi.Diagnosis;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static dev.perfmon.core.health.ContractMeters.ms;

/**
 * A PerfMon on a mock clock with contract meters and a reporter sampling only when asked, with
 * the given diagnoses registered as their modules register them: the setting of the report
 * tests of core and of the modules.
 */
public final class ReportFixture implements AutoCloseable {

    public final MockClock clock = new MockClock();
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    public final PerfMon perfMon = PerfMon.builder(registry).clock(clock)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    public final ContractMeters meters = new ContractMeters(registry);
    public final PerfReporter reporter;

    public ReportFixture(Diagnosis... diagnoses) {
        for (Diagnosis d : diagnoses) {
            perfMon.diagnoses().register(d);
        }
        reporter = PerfReporter.builder(perfMon).build();
    }

    /** Publishes a finding as the modules publish theirs, now. */
    public void finding(String kind, String route, String summary) {
        perfMon.publish(new TestFinding(kind, route, Severity.WARNING, perfMon.now(), summary));
    }

    /** A background route that is fine, so rankings have something to beat. */
    public void healthyNeighbour() {
        meters.requests(200, "GET", "/users/{id}", 200, ms(20))
                .segment(200, "GET /users/{id}", "db.query", ms(8))
                .statements(200, "GET /users/{id}", 1)
                .cacheGets("users", 950, 50);
    }

    @Override
    public void close() {
        perfMon.close();
    }
}
