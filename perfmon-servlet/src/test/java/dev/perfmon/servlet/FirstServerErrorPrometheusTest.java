package dev.perfmon.servlet;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.core.health.HealthRules;
import dev.perfmon.testsupport.Await;
import dev.perfmon.testsupport.Promtool;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus scraping a real application: a route's very first server error shows in
 * {@code increase()} and fires the 5xx alert exported by {@code HealthMonitor.prometheusRules()},
 * because the route's 5xx series exist at zero before it (a series born at 1 is invisible to
 * {@code rate()} and {@code increase()}). Part of the full check: needs the Debian package
 * {@code prometheus} (prometheus and promtool).
 */
@Tag("full")
class FirstServerErrorPrometheusTest {

    @Test
    void aRoutesFirst503IsSeenByIncreaseAndFiresTheServerErrorAlert(@TempDir Path work) throws Exception {
        String promtool = Promtool.require();
        String prometheus = new File(new File(promtool).getParentFile(), "prometheus").getPath();
        assertThat(new File(prometheus).canExecute()).as("prometheus next to promtool").isTrue();

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PerfMon perfMon = PerfMon.builder(registry)
                .config(PerfMonConfig.builder().logFindings(false).serverErrorRate(0.01, 0.02).build()).build();
        HealthMonitor health = HealthMonitor.builder(perfMon)
                .rules(HealthRules.serverErrorRate(perfMon.config()).toBuilder()
                        .window(Duration.ofSeconds(30)).forDuration(Duration.ZERO).build())
                .interval(Duration.ofSeconds(1)).build();
        AtomicBoolean failing = new AtomicBoolean();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder filter = new FilterHolder(new PerfMonFilter(perfMon,
                HttpMetricsConfig.builder().excludePathPrefixes("/metrics").build()));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        context.addServlet(new ServletHolder(Servlets.of((req, res) -> {
            if (failing.get()) {
                res.sendError(503);
            } else {
                res.getWriter().write("ok");
            }
        })), "/checkout");
        context.addServlet(new ServletHolder(Servlets.of((req, res) -> {
            res.setContentType("text/plain; version=0.0.4");
            res.getWriter().write(registry.scrape());
        })), "/metrics");
        server.setHandler(context);
        server.start();

        Path rules = work.resolve("rules.yml");
        Files.writeString(rules, health.prometheusRules());
        assertThat(Promtool.run(promtool, work, "check", "rules", rules.toString()).exit()).isZero();
        int port = freePort();
        Files.writeString(work.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                + "  evaluation_interval: 1s\nrule_files:\n  - " + rules + "\nscrape_configs:\n  - job_name: app\n"
                + "    static_configs:\n      - targets: ['127.0.0.1:" + connector.getLocalPort() + "']\n");
        Process process = new ProcessBuilder(prometheus, "--config.file=" + work.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        String api = "http://127.0.0.1:" + port;
        try {
            String checkout = "http://127.0.0.1:" + connector.getLocalPort() + "/checkout";
            assertThat(get(checkout).statusCode()).isEqualTo(200); // the route is known from here on
            String series = "http_server_requests_seconds_count{uri=\"/checkout\",status=\"503\"}";
            // The 503 series is scraped at 0 before any 503 happened: twice, so the first error is an increase.
            Await.until("two scrapes of the zero series", () -> {
                String scrapes = value(api, "count_over_time(" + series + "[1m])");
                return scrapes != null && Double.parseDouble(scrapes) >= 2 && "0".equals(value(api, series));
            }, Duration.ofSeconds(30));

            for (int i = 0; i < 20; i++) {
                assertThat(get(checkout).statusCode()).isEqualTo(200);
            }
            failing.set(true);
            assertThat(get(checkout).statusCode()).isEqualTo(503);
            Await.until("the first 503 in increase()", () -> {
                String increase = value(api, "increase(" + series + "[30s])");
                return increase != null && Double.parseDouble(increase) > 0;
            }, Duration.ofSeconds(30));
            Await.until("the server error alert firing (firing now: " + firing(api) + ")",
                    () -> firing(api).contains("PerfmonHttpServerErrorRateCritical"), Duration.ofSeconds(30));
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            server.stop();
            health.close();
            perfMon.close();
        }
    }

    private static HttpResponse<String> get(String uri) {
        try {
            return TestApp.HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }

    /** @return the value of the first series of an instant query, or null (no result, Prometheus not up yet) */
    private static String value(String api, String query) {
        HttpResponse<String> response = get(api + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        if (response == null || response.statusCode() != 200) {
            return null;
        }
        Map<String, Object> data = MiniJson.object(MiniJson.object(MiniJson.parse(response.body())).get("data"));
        List<Object> result = MiniJson.array(data.get("result"));
        if (result.isEmpty()) {
            return null;
        }
        return String.valueOf(MiniJson.array(MiniJson.object(result.get(0)).get("value")).get(1));
    }

    /** @return the names of the alerts firing now, as text */
    private static String firing(String api) {
        HttpResponse<String> response = get(api + "/api/v1/alerts");
        if (response == null || response.statusCode() != 200) {
            return "";
        }
        StringBuilder names = new StringBuilder();
        Map<String, Object> data = MiniJson.object(MiniJson.object(MiniJson.parse(response.body())).get("data"));
        for (Object alert : MiniJson.array(data.get("alerts"))) {
            Map<String, Object> a = MiniJson.object(alert);
            if ("firing".equals(a.get("state"))) {
                names.append(MiniJson.object(a.get("labels")).get("alertname")).append(' ');
            }
        }
        return names.toString();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
