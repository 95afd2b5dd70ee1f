package dev.perfmon.core.health;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.testsupport.Promtool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exported rules in Prometheus' own tooling: {@code promtool check rules} accepts them, and
 * {@code promtool test rules} fires them at the evaluation {@link PrometheusRulesTest} shows the
 * in-process monitor firing at, on the same traffic. Part of the full check ({@code -Pfull}),
 * which needs promtool ({@code apt-get install -y prometheus}).
 */
@Tag("full")
class PrometheusRulesPromtoolTest {

    private final PerfMonConfig config = PerfMonConfig.defaults();

    @TempDir
    Path dir;

    @Test
    void promtoolAcceptsTheExportedRules() throws Exception {
        Path rules = dir.resolve("perfmon-rules.yml");
        Files.writeString(rules, PrometheusRulesTest.exportDefaults(config));
        Promtool.Result result = Promtool.run(Promtool.require(), dir, "check", "rules", rules.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    /** 92 successes and 8 server errors every 15 s: the warning fires at t=75 s ("for 1m"), not at t=60 s. */
    @Test
    void prometheusFiresTheErrorRateWarningAtTheSeventyFifthSecond() throws Exception {
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
        promtoolTest(List.of(HealthRules.errorRate(config)), test);
    }

    /**
     * GET /slow: 95 requests in 40 ms, 4 in 600 ms and 1 in 740 ms per 15 s: p99 700 ms, under
     * the 740 ms maximum, critical at t=75 s.
     */
    @Test
    void prometheusComputesTheSameP99AndFiresAtTheSeventyFifthSecond() throws Exception {
        promtoolTest(List.of(HealthRules.latencyP99PerRoute(config)), slowRouteTest("0.74", "700ms"));
    }

    /**
     * GET /slow: 95 requests in 40 ms and 5 in 550 ms per 15 s: histogram_quantile interpolates
     * 700 ms, past the slowest request; the exported rule reports the 550 ms maximum, as
     * PrometheusRulesTest shows the monitor doing.
     */
    @Test
    void prometheusClampsTheP99ToTheSlowestRequest() throws Exception {
        promtoolTest(List.of(HealthRules.latencyP99PerRoute(config)), slowRouteTest("0.55", "550ms"));
    }

    /** A test of GET /slow firing the per-route p99 critical at t=75 s with the given value. */
    private static String slowRouteTest(String maxSeconds, String shownP99) {
        StringBuilder series = new StringBuilder();
        String[] le = {"0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.2", "0.3", "0.4", "0.5", "0.75", "1.0",
                "2.0", "5.0", "+Inf"};
        int[] perStep = {0, 0, 0, 95, 95, 95, 95, 95, 95, 95, 100, 100, 100, 100, 100};
        for (int i = 0; i < le.length; i++) {
            series.append("      - series: 'http_server_requests_seconds_bucket{method=\"GET\",uri=\"/slow\",status=\"200\",le=\"")
                    .append(le[i]).append("\"}'\n        values: '0+").append(perStep[i]).append("x20'\n");
        }
        series.append("      - series: 'http_server_requests_seconds_count{method=\"GET\",uri=\"/slow\",status=\"200\"}'\n")
                .append("        values: '0+100x20'\n")
                .append("      - series: 'http_server_requests_seconds_max{method=\"GET\",uri=\"/slow\",status=\"200\"}'\n")
                .append("        values: '").append(maxSeconds).append("x20'\n");
        return "rule_files: [rules.yml]\nevaluation_interval: 15s\ntests:\n  - interval: 15s\n"
                + "    input_series:\n" + series
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
                              description: 'GET /slow: p99 latency is %s over 5m (critical > 400 ms).'
                """.formatted(shownP99);
    }

    private void promtoolTest(List<HealthRule> rules, String test) throws Exception {
        Files.writeString(dir.resolve("rules.yml"), PrometheusRules.builder(rules).render());
        Path testFile = dir.resolve("test.yml");
        Files.writeString(testFile, test);
        Promtool.Result result = Promtool.run(Promtool.require(), dir, "test", "rules", testFile.toString());
        assertThat(result.exit()).as(result.output() + "\n--- rules:\n" + Files.readString(dir.resolve("rules.yml"))
                + "\n--- test:\n" + test).isZero();
    }
}
