package dev.perfmon.examples.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmon.examples.demo.DemoApp;
import dev.perfmon.examples.demo.DemoSettings;
import dev.perfmon.examples.demo.ExportAlertRules;
import dev.perfmon.examples.demo.domain.Seeder;
import dev.perfmon.testsupport.TestRedis;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring files in {@code examples/monitoring} cannot rot: the alert rules are what
 * perfmon exports today, and every metric the Grafana dashboard queries is one the demo
 * exposes. (The live Prometheus check, which needs the prometheus package, runs with -Pfull.)
 */
class MonitoringFilesTest {

    private static final Path MONITORING = Path.of("monitoring");
    private static final Pattern METRIC = Pattern.compile(
            "\\b((?:http|perfmon|hikaricp|cache|jdbc|lettuce|jvm|process|system)_[a-z0-9_]+)\\b");

    @Test
    void theCommittedAlertRulesAreWhatPerfmonExportsToday() throws Exception {
        String committed = Files.readString(MONITORING.resolve("prometheus/perfmon-alerts.yml"));
        assertThat(committed)
                .as("regenerate with: java -cp examples/target/perfmon-demo.jar"
                        + " dev.perfmon.examples.demo.ExportAlertRules > examples/monitoring/prometheus/perfmon-alerts.yml")
                .isEqualTo(ExportAlertRules.render());
    }

    @Test
    void theReadmeShowsExactlyTheQueriesTheCheckScriptRuns() throws Exception {
        String script = Files.readString(MONITORING.resolve("check.sh"));
        String queries = script.substring(script.indexOf("<<'QUERIES'\n") + 12, script.indexOf("\nQUERIES\n"));
        String readme = Files.readString(Path.of("README.md"));
        List<String> expressions = new ArrayList<>();
        for (String line : queries.split("\n")) {
            String[] parts = line.split("\\|", 4);
            assertThat(parts).as(line).hasSize(4);
            expressions.add(parts[3]);
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
        for (String expression : expressions) {
            // In the README's table a | inside a query is written \|.
            assertThat(readme).as("README shows %s", expression).contains("`" + expression.replace("|", "\\|") + "`");
        }
    }

    @Test
    void everyDashboardPanelQueriesMetricsTheDemoExposes() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana/perfmon-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText()));
        }
        Set<String> metrics = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                metrics.add(m.group(1));
            }
        }
        assertThat(metrics).hasSizeGreaterThan(20);

        try (DemoApp app = DemoApp.start(DemoSettings.defaults().withRedis(TestRedis.uri())
                .withSeeder(new Seeder(30, 100, 5)))) {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/posts", "/posts", "/posts/3", "/posts/3/comments", "/posts/naive",
                    "/posts/fixed", "/reports/slow", "/posts/999999")) {
                http.send(HttpRequest.newBuilder(app.baseUri().resolve(path)).build(), HttpResponse.BodyHandlers.discarding());
            }
            String scrape = http.send(HttpRequest.newBuilder(URI.create(app.baseUri() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Set<String> exposed = new TreeSet<>();
            scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .forEach(l -> exposed.add(l.split("[{ ]", 2)[0]));
            assertThat(exposed).as("metrics the dashboard queries").containsAll(metrics);
        }
    }
}
