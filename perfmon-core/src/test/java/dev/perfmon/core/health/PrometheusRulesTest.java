package dev.perfmon.core.health;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus export's expressions, and the in-process monitor's verdicts on scenarios that
 * {@link PrometheusRulesPromtoolTest} replays in Prometheus' own rule engine: both fire at the
 * same evaluation with the same value.
 */
class PrometheusRulesTest {

    private final PerfMonConfig config = PerfMonConfig.defaults();

    /** The built-in rules plus a custom and an in-process-only rule, as the export renders them. */
    static String exportDefaults(PerfMonConfig config) {
        HealthRule custom = HealthRule.builder("jobs.queue.depth").description("import queue depth").above(100, 1000)
                .keepFiringFor(Duration.ofMinutes(2)).unit(RuleUnit.COUNT)
                .query(RuleQuery.single(w -> w.gaugeAverage("jobs.queue", MetricWindow.all())))
                .promQl("avg_over_time(jobs_queue[$window])").build();
        HealthRule inProcess = HealthRule.builder("local.only").above(1, 2).query(RuleQuery.single(w -> 0)).build();
        List<HealthRule> rules = new ArrayList<>(HealthRules.defaults(config));
        rules.add(custom);
        rules.add(inProcess);
        return PrometheusRules.builder(rules).interval(Duration.ofSeconds(15)).upSelector("job=\"shop\"").render();
    }

    @Test
    void everyThresholdBecomesAnAlertWithTheRulesPromQlWindowAndForDuration() {
        String yaml = exportDefaults(config);

        assertThat(yaml).contains("""
                      - alert: PerfmonHttpErrorRateWarning
                        expr: '((sum(rate(http_server_requests_seconds_count{status=~"4..|5.."}[5m])) or vector(0)) \
                / sum(rate(http_server_requests_seconds_count[5m]))) > 0.05 \
                and (sum(increase(http_server_requests_seconds_count[5m])) >= 10)'
                        for: 1m
                        labels:
                          severity: warning
                          rule: 'http.error.rate'
                """);
        String p99 = "histogram_quantile(0.99, sum by (le, method, uri) (rate(http_server_requests_seconds_bucket[5m])))";
        String max = "max by (method, uri) (max_over_time(http_server_requests_seconds_max[5m]))";
        assertThat(yaml).contains("- alert: PerfmonHttpLatencyP99RouteCritical\n"
                + "        expr: '((" + p99 + " <= " + max + ") or " + max + " or " + p99 + ") > 0.4 and "
                + "(sum by (method, uri) (increase(http_server_requests_seconds_count[5m])) >= 10)'");
        assertThat(yaml).contains("expr: '(avg_over_time(process_cpu_usage[1m])) > 0.9'\n        for: 2m");
        assertThat(yaml).contains("- alert: PerfmonInstanceDown\n        expr: 'up{job=\"shop\"} == 0'\n        for: 1m");
        assertThat(yaml).contains("keep_firing_for: 2m");
        assertThat(yaml).contains("jvm_memory_used_bytes{area=\"heap\"}", "jvm_memory_max_bytes{area=\"heap\"} > 0");
        // Pool and cache rules belong to the modules that record those meters.
        assertThat(yaml).doesNotContain("hikaricp_", "cache_gets_total");
        assertThat(yaml).contains("# local.only: evaluated in process only (no PromQL given)");
        // Success ratio has no warning level: one alert only.
        assertThat(yaml).contains("PerfmonHttpSuccessRatioCritical").doesNotContain("PerfmonHttpSuccessRatioWarning");
        assertThat(yaml).doesNotContain("$window");
    }

    /**
     * 92 successes and 8 server errors every 15 s: the monitor sees 8 % errors from t=15 s and
     * fires the warning at t=75 s ("for 1m"), not at t=60 s; PrometheusRulesPromtoolTest shows
     * Prometheus firing the exported rule at the same evaluation.
     */
    @Test
    void theMonitorFiresTheErrorRateWarningAtTheSeventyFifthSecond() {
        HealthRule rule = HealthRules.errorRate(config);
        assertThat(inProcessFiring(rule, m -> m.requests(92, "GET", "/a", 200, ms(20))
                .requests(8, "GET", "/a", 500, ms(20)))).isEqualTo(5);
    }

    /**
     * Per 15 s, GET /slow serves 95 requests in 40 ms, 4 in 600 ms and 1 in 740 ms: p99 = 500 +
     * 250 * 4/5 = 700 ms by histogram_quantile, under the 740 ms maximum; the monitor computes it
     * and fires at t=75 s, as Prometheus does with the exported rule (PrometheusRulesPromtoolTest).
     */
    @Test
    void theMonitorComputesTheP99AsHistogramQuantileDoesAndFiresAtTheSeventyFifthSecond() {
        HealthRule rule = HealthRules.latencyP99PerRoute(config);
        HealthMonitor[] seen = new HealthMonitor[1];
        assertThat(inProcessFiring(rule, m -> m.requests(95, "GET", "/slow", 200, ms(40))
                .requests(4, "GET", "/slow", 200, ms(600)).requests(1, "GET", "/slow", 200, ms(740)), seen))
                .isEqualTo(5);
        assertThat(seen[0].statuses().get(0).value()).isEqualTo(0.7);
    }

    /**
     * Per 15 s, 95 requests in 40 ms and 5 in 550 ms: interpolation in the 500-750 ms bucket puts
     * the p99 at 700 ms, past the slowest request; both rules report the 550 ms maximum instead,
     * as the exported PromQL does (PrometheusRulesPromtoolTest).
     */
    @Test
    void theP99NeverExceedsTheSlowestRequestOfTheWindow() {
        Traffic traffic = m -> m.requests(95, "GET", "/slow", 200, ms(40)).requests(5, "GET", "/slow", 200, ms(550));
        for (HealthRule rule : List.of(HealthRules.latencyP99PerRoute(config), HealthRules.latencyP99(config))) {
            HealthMonitor[] seen = new HealthMonitor[1];
            assertThat(inProcessFiring(rule, traffic, seen)).as(rule.name()).isEqualTo(5);
            assertThat(seen[0].statuses().get(0).value()).as(rule.name()).isEqualTo(0.55);
        }
    }

    private interface Traffic {
        void step(ContractMeters meters);
    }

    private int inProcessFiring(HealthRule rule, Traffic traffic) {
        return inProcessFiring(rule, traffic, new HealthMonitor[1]);
    }

    /** @return the evaluation (1 = t+15 s) at which the rule first leaves OK, -1 if never within 20 */
    private int inProcessFiring(HealthRule rule, Traffic traffic, HealthMonitor[] monitorOut) {
        MockClock clock = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        try (PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build())
                .build()) {
            ContractMeters meters = new ContractMeters(registry);
            HealthMonitor monitor = HealthMonitor.builder(perfMon).rules(rule).build();
            monitorOut[0] = monitor;
            for (int i = 1; i <= 20; i++) {
                traffic.step(meters);
                clock.add(Duration.ofSeconds(15));
                monitor.evaluate();
                if (monitor.state(rule.name()) != HealthState.OK) {
                    return i;
                }
            }
            return -1;
        }
    }
}
