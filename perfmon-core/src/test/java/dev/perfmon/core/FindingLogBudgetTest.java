package dev.perfmon.core;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The default finding log under a storm of findings from real scopes, read back from the JUL logger it writes to. */
class FindingLogBudgetTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final Logger findings = Logger.getLogger("dev.perfmon.findings");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean parentHandlers;

    @BeforeEach
    void captureTheFindingLog() {
        parentHandlers = findings.getUseParentHandlers();
        findings.setUseParentHandlers(false);
        findings.addHandler(capture);
    }

    @AfterEach
    void restoreTheFindingLog() {
        findings.removeHandler(capture);
        findings.setUseParentHandlers(parentHandlers);
    }

    @Test
    void oneHundredThousandSlowScopesWithDistinctNamesLogTheBudgetPerIntervalAndASummaryOfTheRest() {
        try (PerfMon perfMon = PerfMon.builder(registry).clock(clock)
                .config(PerfMonConfig.builder().slowRequestThreshold(Duration.ofMillis(1)).build()).build()) {
            for (int i = 0; i < 100_000; i++) {
                try (RequestScope ignored = perfMon.openScope("job:import-" + i)) {
                    clock.add(2, TimeUnit.MILLISECONDS);
                }
            }
        }
        // 200 s of scopes: four one-minute intervals (0, 60, 120, 180 s) of 100 lines, each later one
        // opened by the summary of what the previous one left out.
        assertThat(lines).hasSize(4 * 100 + 3);
        assertThat(lines).filteredOn(line -> line.startsWith("perfmon slow.request: job:import-")).hasSize(400);
        assertThat(lines.get(100)).startsWith("perfmon findings: 29900 findings were not logged, over the budget of 100 lines");
        assertThat(lines.get(201)).startsWith("perfmon findings: 29900 findings were not logged");
        assertThat(lines.get(302)).startsWith("perfmon findings: 29900 findings were not logged");
        assertThat(registry.get("perfmon.findings.suppressed").tag("reason", "budget").counter().count())
                .isEqualTo(100_000 - 400);
    }

    @Test
    void theBudgetIsConfigurable() {
        try (PerfMon perfMon = PerfMon.builder(registry).clock(clock)
                .config(PerfMonConfig.builder().slowRequestThreshold(Duration.ofMillis(1)).findingLogBudget(3).build())
                .build()) {
            for (int i = 0; i < 10; i++) {
                try (RequestScope ignored = perfMon.openScope("job:" + i)) {
                    clock.add(2, TimeUnit.MILLISECONDS);
                }
            }
        }
        assertThat(lines).containsExactly("perfmon slow.request: job:0 took 2 ms (slow-request threshold 1 ms)",
                "perfmon slow.request: job:1 took 2 ms (slow-request threshold 1 ms)",
                "perfmon slow.request: job:2 took 2 ms (slow-request threshold 1 ms)");
        assertThat(registry.get("perfmon.findings.suppressed").tag("reason", "budget").counter().count()).isEqualTo(7);
    }
}
