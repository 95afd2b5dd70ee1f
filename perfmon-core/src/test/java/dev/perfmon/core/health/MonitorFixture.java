package dev.perfmon.core.health;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;

/**
 * A PerfMon on a mock clock with contract meters whose buckets never decay, and monitors
 * evaluated one 15 s step at a time: the setting of the rule tests of core and of the modules.
 * Register it as a field ({@code @RegisterExtension}) and the PerfMon closes after each test.
 */
public final class MonitorFixture implements AutoCloseable, AfterEachCallback {

    /** The evaluation interval. */
    public static final Duration STEP = Duration.ofSeconds(15);

    public final MockClock clock = new MockClock();
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    public final PerfMonConfig config = PerfMonConfig.builder().logFindings(false).build();
    public final PerfMon perfMon = PerfMon.builder(registry).config(config).build();
    public final ContractMeters meters = new ContractMeters(registry, Duration.ofDays(365));

    /** @return a monitor of exactly these rules, evaluated when asked */
    public HealthMonitor monitor(HealthRule... rules) {
        return HealthMonitor.builder(perfMon).rules(rules).interval(STEP).build();
    }

    /** @return a monitor of the PerfMon's default rules (core's and the attached modules'), evaluated when asked */
    public HealthMonitor defaultMonitor() {
        return HealthMonitor.builder(perfMon).interval(STEP).build();
    }

    /** Advances one step and evaluates. */
    public List<RuleStatus> evaluate(HealthMonitor monitor) {
        clock.add(STEP);
        return monitor.evaluate();
    }

    /** Lets {@code traffic} run, advances one step, evaluates, and returns the rule's worst state. */
    public HealthState step(HealthMonitor monitor, String rule, Runnable traffic) {
        traffic.run();
        evaluate(monitor);
        return monitor.state(rule);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        perfMon.close();
    }
}
