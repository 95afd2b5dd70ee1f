package dev.perfmon.core.health;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.testsupport.Promtool;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Prometheus export: its expressions, {@code promtool check rules} on it, and
 * {@code promtool test rules} scenarios whose alerts fire at the same evaluation, with the same
 * value, as the in-process monitor's on the same traffic.
 */
class PrometheusRulesTest {

    private final PerfMonConfig config = PerfMonConfig.defaults();

    @TempDir
    Path dir;

    private String exportDefaults() {
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
        String yaml = exportDefaults();

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
        assertThat(yaml).contains("- alert: PerfmonHttpLatencyP99RouteCritical\n"
                + "        expr: '(histogram_quantile(0.99, sum by (le, method, uri) "
                + "(rate(http_server_requests_seconds_bucket[5m])))) > 0.4 and "
                + "(sum by (method, uri) (increase(http_server_requests_seconds_count[5m])) >= 10)'");
        assertThat(yaml).contains("expr: '(avg_over_time(process_cpu_usage[1m])) > 0.9'\n        for: 2m");
        assertThat(yaml).contains("- alert: PerfmonInstanceDown\n        expr: 'up{job=\"shop\"} == 0'\n        for: 1m");
        assertThat(yaml).contains("keep_firing_for: 2m");
        assertThat(yaml).contains("cache_gets_total{result=\"hit\"}", "hikaricp_connections_pending",
                "hikaricp_connections_timeout_total", "jvm_memory_used_bytes{area=\"heap\"}",
                "jvm_memory_max_bytes{area=\"heap\"} > 0");
        assertThat(yaml).contains("# local.only: evaluated in process only (no PromQL given)");
        // Success ratio has no warning level: one alert only.
        assertThat(yaml).contains("PerfmonHttpSuccessRatioCritical").doesNotContain("PerfmonHttpSuccessRatioWarning");
        assertThat(yaml).doesNotContain("$window");
    }

    @Test
    void promtoolAcceptsTheExportedRules() throws Exception {
        Path rules = dir.resolve("perfmon-rules.yml");
        Files.writeString(rules, exportDefaults());
        Path samples = Path.of("target", "report-samples");
        Files.createDirectories(samples);
        Files.writeString(samples.resolve("perfmon-rules.yml"),
                PrometheusRules.builder(HealthRules.defaults(config)).interval(Duration.ofSeconds(15)).render());
        String promtool = Promtool.locate();
        // Outside CI without promtool: reported as skipped (the structural checks above still ran).
        assumeTrue(promtool != null, "promtool not installed (apt-get install prometheus); CI=true fails instead");
        Promtool.Result result = Promtool.run(promtool, dir, "check", "rules", rules.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    /**
     * 92 successes and 8 server errors every 15 s: Prometheus and the monitor both see 8 % errors
     * from t=15 s and fire the warning at t=75 s ("for 1m"), not at t=60 s.
     */
    @Test
    void prometheusAndTheMonitorFireTheErrorRateWarningAtTheSameEvaluation() throws Exception {
        HealthRule rule = HealthRules.errorRate(config);
        assertThat(inProcessFiring(rule, m -> m.requests(92, "GET", "/a", 200, ms(20))
                .requests(8, "GET", "/a", 500, ms(20)))).isEqualTo(5);

        String test = """
                rule_files: [rules.yml]
                evaluation_interval: 15s
                tests:
                  - interval: 15s
                    input_series:
                      - series: 'http_server_requests_seconds_count{method="GET",uri="/a",status="200"}'
                        values: '0+92x20'
                      - series: 'http_server_requests_seconds_count{method="GET",uri="/a",status="500"}'
                        values: '0+8x20'
                    alert_rule_test:
                      - eval_time: 60s
                        alertname: PerfmonHttpErrorRateWarning
                        exp_alerts: []
                      - eval_time: 75s
                        alertname: PerfmonHttpErrorRateWarning
                        exp_alerts:
                          - exp_labels: {severity: warning, rule: http.error.rate}
                            exp_annotations:
                              summary: 'error rate (4xx+5xx) > 5 %'
                              description: 'error rate (4xx+5xx) is 8% over 5m (warning > 5 %).'
                      - eval_time: 75s
                        alertname: PerfmonHttpErrorRateCritical
                        exp_alerts: []
                """;
        promtoolTest(List.of(rule), test);
    }

    /**
     * Per 15 s, GET /slow serves 95 requests in 40 ms and 5 in 600 ms: p99 = 500 + 250 * 4/5 =
     * 700 ms by histogram_quantile, in Prometheus and in the monitor alike.
     */
    @Test
    void prometheusAndTheMonitorComputeTheSameP99AndFireTogether() throws Exception {
        HealthRule rule = HealthRules.latencyP99PerRoute(config);
        HealthMonitor[] seen = new HealthMonitor[1];
        assertThat(inProcessFiring(rule, m -> m.requests(95, "GET", "/slow", 200, ms(40))
                .requests(5, "GET", "/slow", 200, ms(600)), seen)).isEqualTo(5);
        assertThat(seen[0].statuses().get(0).value()).isEqualTo(0.7);

        StringBuilder series = new StringBuilder();
        String[] le = {"0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.2", "0.3", "0.4", "0.5", "0.75", "1.0",
                "2.0", "5.0", "+Inf"};
        int[] perStep = {0, 0, 0, 95, 95, 95, 95, 95, 95, 95, 100, 100, 100, 100, 100};
        for (int i = 0; i < le.length; i++) {
            series.append("      - series: 'http_server_requests_seconds_bucket{method=\"GET\",uri=\"/slow\",status=\"200\",le=\"")
                    .append(le[i]).append("\"}'\n        values: '0+").append(perStep[i]).append("x20'\n");
        }
        series.append("      - series: 'http_server_requests_seconds_count{method=\"GET\",uri=\"/slow\",status=\"200\"}'\n")
                .append("        values: '0+100x20'\n");
        String test = "rule_files: [rules.yml]\nevaluation_interval: 15s\ntests:\n  - interval: 15s\n"
                + "    input_series:\n" + series.toString().replace("\n      ", "\n      ").indent(0).replaceAll("(?m)^", "")
                + """
                    alert_rule_test:
                      - eval_time: 60s
                        alertname: PerfmonHttpLatencyP99RouteCritical
                        exp_alerts: []
                      - eval_time: 75s
                        alertname: PerfmonHttpLatencyP99RouteCritical
                        exp_alerts:
                          - exp_labels: {severity: critical, rule: http.latency.p99.route, method: GET, uri: /slow}
                            exp_annotations:
                              summary: 'GET /slow: p99 latency > 400 ms'
                              description: 'GET /slow: p99 latency is 700ms over 5m (critical > 400 ms).'
                """;
        promtoolTest(List.of(rule), test);
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

    private void promtoolTest(List<HealthRule> rules, String test) throws Exception {
        Files.writeString(dir.resolve("rules.yml"), PrometheusRules.builder(rules).render());
        Path testFile = dir.resolve("test.yml");
        Files.writeString(testFile, test);
        String promtool = Promtool.locate();
        assumeTrue(promtool != null, "promtool not installed (apt-get install prometheus); CI=true fails instead");
        Promtool.Result result = Promtool.run(promtool, dir, "test", "rules", testFile.toString());
        assertThat(result.exit()).as(result.output() + "\n--- rules:\n" + Files.readString(dir.resolve("rules.yml"))
                + "\n--- test:\n" + test).isZero();
    }
}
