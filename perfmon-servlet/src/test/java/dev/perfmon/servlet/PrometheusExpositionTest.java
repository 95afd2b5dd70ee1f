package dev.perfmon.servlet;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.testsupport.Await;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What Prometheus scrapes: the series names and labels the README's PromQL relies on. */
class PrometheusExpositionTest {

    @Test
    void exposesSpringCompatibleSeriesWithTheFourHundredMillisecondBucketAndAnOptionalPercentileHistogram() throws Exception {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new io.prometheus.metrics.model.registry.PrometheusRegistry(), clock);
        PerfMon perfMon = PerfMon.builder(registry).clock(clock)
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        HttpMetricsConfig config = HttpMetricsConfig.builder().percentileHistogram(true)
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofSeconds(5)).build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder filter = new FilterHolder(new PerfMonFilter(perfMon, config));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        context.addServlet(new ServletHolder(Servlets.of((req, res) -> {
            clock.add(Long.parseLong(req.getPathInfo().substring(1)), TimeUnit.MILLISECONDS);
            if (req.getPathInfo().equals("/500")) {
                res.setStatus(503);
            }
        })), "/took/*");
        server.setHandler(context);
        server.start();
        try {
            for (int millis : new int[] {100, 300, 500}) {
                HttpResponse<String> r = TestApp.HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/took/" + millis)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isIn(200, 503);
            }
            Await.until("three requests", () -> registry.find(PerfMonFilter.REQUESTS_METER).timers().stream()
                    .mapToLong(io.micrometer.core.instrument.Timer::count).sum() == 3);
            String scrape = registry.scrape();
            assertThat(scrape).contains("http_server_requests_seconds_bucket{error=\"none\",exception=\"none\","
                    + "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/took/{id}\",le=\"0.4\"} 2");
            assertThat(scrape).contains("http_server_requests_seconds_bucket{error=\"none\",exception=\"none\","
                    + "method=\"GET\",outcome=\"SERVER_ERROR\",status=\"503\",uri=\"/took/{id}\",le=\"0.4\"} 0");
            assertThat(scrape).contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\","
                    + "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/took/{id}\"} 2");
            assertThat(scrape).contains("http_server_requests_active_seconds_count{method=\"GET\",uri=\"UNKNOWN\"} 0");
            long buckets = scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds_bucket")
                    && l.contains("status=\"200\"")).count();
            assertThat(buckets).as("percentile histogram buckets").isGreaterThan(30);
        } finally {
            server.stop();
            perfMon.close();
        }
    }
}
