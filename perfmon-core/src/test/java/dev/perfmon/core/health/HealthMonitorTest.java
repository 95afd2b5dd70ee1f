package dev.perfmon.core.health;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.event.Severity;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Rules on synthetic contract meters, driven by a mock clock: windows, for-durations, flapping, resolve. */
class HealthMonitorTest {

    private static final Duration STEP = Duration.ofSeconds(15);

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final PerfMonConfig config = PerfMonConfig.builder().logFindings(false).build();
    private final PerfMon perfMon = PerfMon.builder(registry).config(config).build();
    private final ContractMeters meters = new ContractMeters(registry, Duration.ofDays(365));
    private final List<HealthChanged> changes = new CopyOnWriteArrayList<>();

    HealthMonitorTest() {
        perfMon.addListener(HealthChanged.class, changes::add);
    }

    @AfterEach
    void close() {
        perfMon.close();
    }

    private HealthMonitor monitor(HealthRule... rules) {
        return HealthMonitor.builder(perfMon).rules(rules).interval(STEP).build();
    }

    /** Advances one interval, lets {@code traffic} run within it, evaluates, and returns the rule's worst state. */
    private HealthState step(HealthMonitor monitor, String rule, Runnable traffic) {
        traffic.run();
        clock.add(STEP);
        monitor.evaluate();
        return monitor.state(rule);
    }

    private Runnable errors(int ok, int failed) {
        return () -> meters.requests(ok, "GET", "/a", 200, ms(20)).requests(failed, "GET", "/a", 500, ms(20));
    }

    private double gauge(String rule) {
        return registry.get(HealthMonitor.GAUGE).tag("rule", rule).gauge().value();
    }

    @Test
    void aBreachFiresOnlyOnceItHasLastedTheForDurationAndResolvesAtTheFirstClearEvaluation() {
        HealthRule rule = HealthRules.errorRate(config).toBuilder().window(Duration.ofMinutes(1)).build();
        HealthMonitor monitor = monitor(rule);
        List<HealthState> states = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            states.add(step(monitor, "http.error.rate", errors(92, 8)));
        }
        // Breached from the first evaluation (t=15 s); "for 1m" is met at t=75 s.
        assertThat(states).containsExactly(HealthState.OK, HealthState.OK, HealthState.OK, HealthState.OK,
                HealthState.WARNING);
        assertThat(gauge("http.error.rate")).isEqualTo(1.0);
        assertThat(changes).hasSize(1);
        HealthChanged fired = changes.get(0);
        assertThat(fired.previous()).isEqualTo(HealthState.OK);
        assertThat(fired.current()).isEqualTo(HealthState.WARNING);
        assertThat(fired.severity()).isEqualTo(Severity.WARNING);
        assertThat(fired.value()).isCloseTo(0.08, within(1e-12));
        assertThat(fired.threshold()).isEqualTo(0.05);
        assertThat(fired.timestamp()).isEqualTo(perfMon.now());
        assertThat(fired.summary()).isEqualTo("error rate (4xx+5xx) 8 % > 5 % (warning)");

        // Clean traffic: the 1-minute window still holds 3 erroneous intervals at t=90 s (6 %), 2 at t=105 s (4 %).
        assertThat(step(monitor, "http.error.rate", errors(100, 0))).isEqualTo(HealthState.WARNING);
        assertThat(step(monitor, "http.error.rate", errors(100, 0))).isEqualTo(HealthState.OK);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).resolved()).isTrue();
        assertThat(changes.get(1).severity()).isEqualTo(Severity.INFO);
        assertThat(changes.get(1).value()).isCloseTo(0.04, within(1e-12));
        assertThat(gauge("http.error.rate")).isEqualTo(0.0);
    }

    @Test
    void aFlappingValueNeverFiresBecauseEachClearEvaluationResetsThePendingTime() {
        HealthRule rule = HealthRules.errorRate(config).toBuilder().window(STEP).build();
        HealthMonitor monitor = monitor(rule);
        for (int i = 0; i < 20; i++) {
            HealthState state = step(monitor, "http.error.rate", i % 4 == 3 ? errors(100, 0) : errors(80, 20));
            assertThat(state).isEqualTo(HealthState.OK);
        }
        assertThat(changes).isEmpty();
    }

    @Test
    void bothThresholdsBreachedFromTheStartFireCriticalDirectly() {
        HealthRule rule = HealthRules.errorRate(config).toBuilder().window(Duration.ofMinutes(1)).build();
        HealthMonitor monitor = monitor(rule);
        for (int i = 0; i < 4; i++) {
            step(monitor, "http.error.rate", errors(80, 20));
        }
        assertThat(step(monitor, "http.error.rate", errors(80, 20))).isEqualTo(HealthState.CRITICAL);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.previous()).isEqualTo(HealthState.OK);
            assertThat(c.current()).isEqualTo(HealthState.CRITICAL);
            assertThat(c.threshold()).isEqualTo(0.10);
        });
        assertThat(gauge("http.error.rate")).isEqualTo(2.0);
    }

    @Test
    void criticalDeEscalatesToWarningWhileTheWarningThresholdStillHolds() {
        HealthRule rule = HealthRules.errorRate(config).toBuilder().window(STEP).forDuration(Duration.ZERO).build();
        HealthMonitor monitor = monitor(rule);
        assertThat(step(monitor, "http.error.rate", errors(80, 20))).isEqualTo(HealthState.CRITICAL);
        assertThat(step(monitor, "http.error.rate", errors(93, 7))).isEqualTo(HealthState.WARNING);
        assertThat(step(monitor, "http.error.rate", errors(100, 0))).isEqualTo(HealthState.OK);
        assertThat(changes).extracting(HealthChanged::current)
                .containsExactly(HealthState.CRITICAL, HealthState.WARNING, HealthState.OK);
    }

    @Test
    void keepFiringForHoldsAFiredRuleThroughBriefClears() {
        HealthRule rule = HealthRules.errorRate(config).toBuilder().window(STEP).forDuration(Duration.ZERO)
                .keepFiringFor(Duration.ofSeconds(30)).build();
        HealthMonitor monitor = monitor(rule);
        assertThat(step(monitor, "http.error.rate", errors(92, 8))).isEqualTo(HealthState.WARNING);
        assertThat(step(monitor, "http.error.rate", errors(100, 0))).isEqualTo(HealthState.WARNING);
        assertThat(step(monitor, "http.error.rate", errors(100, 0))).isEqualTo(HealthState.WARNING);
        assertThat(step(monitor, "http.error.rate", errors(100, 0))).isEqualTo(HealthState.OK);
    }

    @Test
    void errorsOlderThanTheWindowNoLongerCount() {
        HealthRule rule = HealthRules.errorRate(config).toBuilder().window(Duration.ofMinutes(1))
                .forDuration(Duration.ZERO).build();
        HealthMonitor monitor = monitor(rule);
        assertThat(step(monitor, "http.error.rate", errors(50, 50))).isEqualTo(HealthState.CRITICAL);
        for (int i = 0; i < 3; i++) {
            step(monitor, "http.error.rate", errors(100, 0));
        }
        // Window [15 s, 75 s] still holds no erroneous interval once four clean ones have passed.
        assertThat(step(monitor, "http.error.rate", errors(100, 0))).isEqualTo(HealthState.OK);
        assertThat(monitor.statuses()).singleElement().satisfies(s -> assertThat(s.value()).isZero());
    }

    @Test
    void tooFewRequestsInTheWindowAreNoData() {
        HealthRule rule = HealthRules.errorRate(config).toBuilder().forDuration(Duration.ZERO).build();
        HealthMonitor monitor = monitor(rule);
        assertThat(step(monitor, "http.error.rate", errors(0, 9))).isEqualTo(HealthState.OK);
        assertThat(monitor.statuses().get(0).value()).isNaN();
        assertThat(monitor.statuses().get(0).summary()).contains("n/a");
    }

    @Test
    void perRouteLatencyJudgesEachRouteOnItsOwnBuckets() {
        HealthMonitor monitor = monitor(HealthRules.latencyP99PerRoute(config), HealthRules.latencyP99(config));
        Runnable traffic = () -> meters.requests(100, "GET", "/fast", 200, ms(40))
                .requests(95, "GET", "/slow", 200, ms(40)).requests(4, "GET", "/slow", 200, ms(600))
                .requests(1, "GET", "/slow", 200, ms(740));
        for (int i = 0; i < 5; i++) {
            step(monitor, "http.latency.p99.route", traffic);
        }
        Map<String, RuleStatus> byRoute = new java.util.HashMap<>();
        for (RuleStatus s : monitor.statuses()) {
            if (s.rule().equals("http.latency.p99.route")) {
                byRoute.put(s.series(), s);
            }
        }
        assertThat(byRoute.get("GET /slow").state()).isEqualTo(HealthState.CRITICAL);
        // rank 99 of 100 in (500 ms, 750 ms] holding 5, 4 past its start
        assertThat(byRoute.get("GET /slow").value()).isCloseTo(0.7, within(1e-9));
        assertThat(byRoute.get("GET /fast").state()).isEqualTo(HealthState.OK);
        // Interpolation in (25 ms, 50 ms] gives 49.75 ms, past every request: the p99 is the 40 ms maximum.
        assertThat(byRoute.get("GET /fast").value()).isCloseTo(0.040, within(1e-9));
        // Overall: 5 slow of 200 -> rank 198 in (500, 750] holding 5, 3 past its start
        assertThat(monitor.state("http.latency.p99")).isEqualTo(HealthState.CRITICAL);
        assertThat(gauge("http.latency.p99.route")).isEqualTo(2.0);
        assertThat(changes).filteredOn(c -> c.rule().equals("http.latency.p99.route"))
                .singleElement().satisfies(c -> assertThat(c.route()).isEqualTo("GET /slow"));
    }

    @Test
    void cpuMustBeHighOnAverageAndForTwoMinutesBeforeItIsCritical() {
        HealthMonitor monitor = monitor(HealthRules.cpu(config));
        // One spike in a quiet minute averages out.
        double[] spike = {0.2, 0.2, 0.99, 0.2, 0.2, 0.2};
        for (double cpu : spike) {
            assertThat(step(monitor, "process.cpu", () -> meters.cpu(cpu))).isEqualTo(HealthState.OK);
        }
        List<HealthState> states = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            states.add(step(monitor, "process.cpu", () -> meters.cpu(0.95)));
        }
        // The 1-minute average passes 90 % at the 4th high sample (t+60 s), then "for 2m" runs.
        assertThat(states.indexOf(HealthState.CRITICAL)).isEqualTo(11);
        assertThat(states.subList(0, 11)).doesNotContain(HealthState.CRITICAL);
    }

    @Test
    void heapUsageIsUsedOverTheSumOfDefinedPoolMaxima() {
        HealthMonitor monitor = monitor(HealthRules.heap(config).toBuilder().forDuration(Duration.ZERO).build());
        assertThat(step(monitor, "jvm.heap.usage", () -> meters.heap(300, 580, 1000))).isEqualTo(HealthState.WARNING);
        // Eden reports no maximum (-1): (300 + 580) / 1000, not / 999
        assertThat(monitor.statuses().get(0).value()).isCloseTo(0.88, within(1e-9));
    }

    @Test
    void customRulesFromCodeRunBesideTheBuiltInOnesAndAFailingOneIsContained() {
        HealthRule depth = HealthRule.builder("jobs.queue.depth").description("import queue depth")
                .above(100, 1000).forDuration(Duration.ZERO)
                .query(RuleQuery.single(w -> 250)).build();
        HealthRule broken = HealthRule.builder("broken.rule").above(1, 2)
                .query(w -> {
                    throw new IllegalStateException("bug in a custom rule");
                }).build();
        HealthMonitor monitor = HealthMonitor.builder(perfMon).addRule(depth).addRule(broken).interval(STEP).build();
        clock.add(STEP);
        List<RuleStatus> statuses = monitor.evaluate();

        assertThat(monitor.rules()).hasSize(HealthRules.defaults(config).size() + 2);
        assertThat(monitor.state("jobs.queue.depth")).isEqualTo(HealthState.WARNING);
        assertThat(statuses).filteredOn(s -> s.rule().equals("jobs.queue.depth")).singleElement()
                .satisfies(s -> assertThat(s.summary()).isEqualTo("import queue depth 250 > 100 (warning)"));
        assertThat(perfMon.failureCount("health-rule")).isEqualTo(1);
        assertThat(monitor.state("broken.rule")).isEqualTo(HealthState.OK);
    }

    @Test
    void theScheduledMonitorEvaluatesOnItsOwnAndStopsWithThePerfMon() throws InterruptedException {
        HealthMonitor monitor = HealthMonitor.builder(perfMon).interval(Duration.ofMillis(20)).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (monitor.statuses().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(monitor.statuses()).isNotEmpty();
        assertThat(registry.find(HealthMonitor.GAUGE).gauges()).hasSize(HealthRules.defaults(config).size());

        perfMon.close();

        assertThat(registry.find(HealthMonitor.GAUGE).gauges()).isEmpty();
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (healthThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(healthThreadAlive()).isFalse();
    }

    private boolean healthThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("perfmon-health-" + perfMon.id()) && t.isAlive());
    }

    @Test
    void aBuiltInRuleCanBeDroppedByNameAndTheRestKeepTheirOrder() {
        List<String> all = HealthMonitor.builder(perfMon).build().rules().stream().map(HealthRule::name).toList();

        List<String> kept = HealthMonitor.builder(perfMon).removeRule("jvm.heap.usage").build().rules().stream()
                .map(HealthRule::name).toList();

        assertThat(all).contains("jvm.heap.usage");
        assertThat(kept).doesNotContain("jvm.heap.usage")
                .containsExactlyElementsOf(all.stream().filter(n -> !n.equals("jvm.heap.usage")).toList());
    }
}
