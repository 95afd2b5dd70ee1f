package dev.perfmon.servlet;

import dev.perfmon.core.RouteName;
import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.core.report.spi.Diagnosis;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.FindingCounter;
import dev.perfmon.core.report.spi.ReportContribution;
import dev.perfmon.core.Segment;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.servlet.dashboard.PerfMonDashboardServlet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.perfmon.servlet.MiniJson.array;
import static dev.perfmon.servlet.MiniJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardServletTest {

    private static final HttpMetricsConfig EXCLUDE_DASHBOARD =
            HttpMetricsConfig.builder().excludePathPrefixes("/perfmon").build();

    /** An app with a couple of routes doing "database" and "cache" work, and the dashboard at /perfmon. */
    private static TestApp app(MockClock clock, PerfMonDashboardServlet.Builder[] dashboard) throws Exception {
        TestApp.Builder builder = TestApp.builder().config(EXCLUDE_DASHBOARD);
        if (clock != null) {
            builder.clock(clock);
        }
        return builder.setup(a -> {
            PerfReporter reporter = PerfReporter.builder(a.perfMon).build();
            PerfMonDashboardServlet.Builder settings = PerfMonDashboardServlet.builder(reporter).title("Board <demo>");
            if (dashboard != null) {
                dashboard[0] = settings;
            }
            a.context.addEventListener(new ServletContextListener() {
                @Override
                public void contextInitialized(ServletContextEvent event) {
                    settings.build().registerWith(event.getServletContext(), "/perfmon");
                }
            });
            a.servlet("/posts/*", Servlets.of((req, res) -> {
                a.perfMon.recordSegment(Segment.DB_QUERY, 4_000_000);
                a.perfMon.increment(ScopeCounter.STATEMENTS);
                a.perfMon.recordSegment(Segment.REDIS, 1_000_000);
                if (req.getPathInfo().endsWith("/missing")) {
                    res.sendError(404);
                    return;
                }
                res.getWriter().write("post");
            }));
        }).start();
    }

    private static Map<String, Object> data(TestApp app, String query) throws Exception {
        HttpResponse<String> response = app.get("/perfmon/data.json" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        return object(MiniJson.parse(response.body()));
    }

    @Test
    void servesOneSelfContainedPageThatLoadsNothingFromTheNetwork() throws Exception {
        try (TestApp app = app(null, null)) {
            HttpResponse<String> page = app.get("/perfmon/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            String html = page.body();
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            Matcher nonce = Pattern.compile("'nonce-([A-Za-z0-9_-]+)'").matcher(csp);
            assertThat(nonce.find()).isTrue();
            assertThat(csp).contains("default-src 'none'").contains("connect-src 'self'");
            assertThat(html).contains("<script nonce=\"" + nonce.group(1) + "\">")
                    .contains("<style nonce=\"" + nonce.group(1) + "\">")
                    .contains("data-endpoint=\"/perfmon/data.json\"")
                    .contains("data-ready=\"false\"")
                    .contains("<title>Board &lt;demo&gt;</title>")
                    .doesNotContain("@@");
            // Nothing external: the only URL is the SVG namespace, an identifier that is never fetched.
            assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContainPattern("(?i)https?://")
                    .doesNotContainPattern("(?i)\\bsrc\\s*=")
                    .doesNotContainPattern("(?i)@import|url\\(");
            for (String id : List.of("chart-latency", "chart-throughput", "chart-success", "routes", "health", "slos",
                    "breakdown", "caches", "pools", "findings", "bottlenecks", "kpi-p99", "kpi-error-rate",
                    "kpi-success", "kpi-hit-ratio", "window", "chart-route", "error", "chart-samples", "samples-route",
                    "sample-timeline", "inflight")) {
                assertThat(html).as(id).contains("id=\"" + id + "\"");
            }
            assertThat(app.get("/perfmon").statusCode()).isEqualTo(200);
            assertThat(app.get("/perfmon/nope").statusCode()).isEqualTo(404);
            assertThat(app.get("/perfmon/").body()).doesNotContain(nonce.group(1)); // a fresh nonce per page
        }
    }

    @Test
    void theDataEndpointCarriesTheReportAndTheChartHistory() throws Exception {
        try (TestApp app = app(null, null)) {
            for (int i = 0; i < 5; i++) {
                app.get("/posts/" + i);
            }
            app.get("/posts/7/missing");
            app.awaitCount(6);

            Map<String, Object> data = data(app, "");
            assertThat(data.get("dashboardVersion")).isEqualTo(1.0);
            assertThat(data.get("requestedWindow")).isEqualTo("60");
            Map<String, Object> report = object(data.get("report"));
            assertThat(report.get("schemaVersion")).isEqualTo(1.0);
            Map<String, Object> totals = object(report.get("totals"));
            assertThat(totals.get("requests")).isEqualTo(6.0);
            List<Object> routes = array(report.get("routes"));
            assertThat(routes).extracting(r -> object(r).get("route"))
                    .contains("GET /posts/{id}").noneMatch(route -> String.valueOf(route).contains("perfmon"));
            assertThat(array(report.get("breakdown"))).isNotEmpty();
            assertThat(array(report.get("slos"))).isNotEmpty();
            List<Object> series = array(data.get("series"));
            assertThat(series).hasSize(1);
            Map<String, Object> point = object(series.get(0));
            assertThat(point).containsKeys("t", "rps", "p50", "p95", "p99", "errorRate", "successRatio", "cacheHitRatio", "routes");
            assertThat(point.get("requests")).isEqualTo(6.0);

            assertThat(object(data(app, "?window=all").get("report")).get("sinceStart")).isEqualTo(true);
            assertThat(app.get("/perfmon/data.json?window=abc").statusCode()).isEqualTo(400);
            assertThat(app.get("/perfmon/data.json?window=0").statusCode()).isEqualTo(400);
            assertThat(app.get("/perfmon/data.json?window=99999999999").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theHistoryGainsOnePointPerIntervalWhateverThePollRateAndStaysBounded() throws Exception {
        MockClock clock = new MockClock();
        try (TestApp app = TestApp.builder().config(EXCLUDE_DASHBOARD).clock(clock).setup(a -> {
            PerfReporter reporter = PerfReporter.builder(a.perfMon).build();
            PerfMonDashboardServlet servlet = PerfMonDashboardServlet.builder(reporter)
                    .pointInterval(Duration.ofSeconds(5)).maxPoints(3).build();
            a.context.addServlet(new ServletHolder(servlet), "/perfmon/*");
            a.servlet("/work", Servlets.of((req, res) -> clock.add(20, TimeUnit.MILLISECONDS)));
        }).start()) {
            List<Integer> sizes = new java.util.ArrayList<>();
            for (int step = 0; step < 6; step++) {
                app.get("/work");
                app.awaitCount(step + 1);
                sizes.add(array(data(app, "").get("series")).size());
                sizes.add(array(data(app, "").get("series")).size()); // a second viewer in the same interval
                clock.add(5, TimeUnit.SECONDS);
            }
            assertThat(sizes).containsExactly(1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
            List<Object> series = array(data(app, "").get("series"));
            double first = (Double) object(series.get(0)).get("t");
            double last = (Double) object(series.get(series.size() - 1)).get("t");
            assertThat(last - first).isBetween(10_000.0, 10_100.0); // two intervals (plus the requests' own time)
        }
    }

    /** A module counting its findings with a counter, as perfmon-jdbc counts N+1 findings with perfmon.nplusone. */
    private static final Diagnosis COUNTED = new Diagnosis() {
        @Override
        public String name() {
            return "test.counted";
        }

        @Override
        public List<FindingCounter> findingCounters() {
            return List.of(new FindingCounter("nplusone", "perfmon.nplusone"));
        }

        @Override
        public void diagnose(DiagnosisContext context, ReportContribution report) {
        }
    };

    private record NPlusOne(String route, Instant timestamp) implements PerfMonEvent {
        @Override
        public String kind() {
            return "nplusone";
        }

        @Override
        public Severity severity() {
            return Severity.WARNING;
        }

        @Override
        public String summary() {
            return "12 x select ... where post_id=?";
        }
    }

    @Test
    void windowedFindingCountsAreExactWhenFindingsOverflowTheStore() throws Exception {
        MockClock clock = new MockClock();
        int perRequest = 250;
        int requests = PerfReporter.DEFAULT_MAX_FINDINGS / perRequest + 3;
        try (TestApp app = TestApp.builder().config(EXCLUDE_DASHBOARD).clock(clock).setup(a -> {
            a.perfMon.diagnoses().register(COUNTED);
            PerfReporter reporter = PerfReporter.builder(a.perfMon).build();
            a.context.addServlet(new ServletHolder(PerfMonDashboardServlet.builder(reporter).build()), "/perfmon/*");
            Counter counter = Counter.builder("perfmon.nplusone").tags(RouteName.tags("GET /posts")).register(a.registry);
            a.servlet("/posts", Servlets.of((req, res) -> {
                for (int i = 0; i < perRequest; i++) {
                    a.perfMon.publish(new NPlusOne("GET /posts", a.perfMon.now()));
                    counter.increment();
                }
            }));
        }).start()) {
            for (int i = 0; i < requests; i++) {
                app.get("/posts");
            }
            app.awaitCount(requests);
            clock.add(10, TimeUnit.SECONDS);

            Map<String, Object> data = data(app, "?window=300");

            long recorded = (long) requests * perRequest;
            assertThat(recorded).isGreaterThan(PerfReporter.DEFAULT_MAX_FINDINGS);
            Map<String, Object> report = object(data.get("report"));
            assertThat((Double) report.get("findingsDropped")).isEqualTo((double) recorded - PerfReporter.DEFAULT_MAX_FINDINGS);
            double counted = 0;
            for (Object f : array(report.get("findings"))) {
                if (object(f).get("kind").equals("nplusone")) {
                    assertThat(object(f).get("route")).isEqualTo("GET /posts");
                    counted += (Double) object(f).get("count");
                }
            }
            assertThat(counted).isEqualTo((double) recorded);
            Map<String, Object> point = object(array(data.get("series")).get(0));
            assertThat(object(point.get("findings")).get("nplusone")).isEqualTo((double) recorded);
        }
    }

    @Test
    void theWebXmlFormFindsTheReporterOrThePerfMonInTheContextAndOtherwiseAnswers503() throws Exception {
        try (TestApp app = TestApp.builder().config(EXCLUDE_DASHBOARD).setup(a -> {
            a.context.setAttribute(dev.perfmon.servlet.PerfMonFilter.PERFMON_ATTRIBUTE, a.perfMon);
            a.context.addServlet(PerfMonDashboardServlet.class, "/perfmon/*");
            a.servlet("/x", Servlets.text("x"));
        }).start()) {
            app.get("/x");
            app.awaitCount(1);
            Map<String, Object> data = data(app, "?window=all");
            assertThat(object(object(data.get("report")).get("totals")).get("requests")).isEqualTo(1.0);
        }
        try (TestApp app = TestApp.builder().setup(a -> a.context.addServlet(PerfMonDashboardServlet.class, "/perfmon/*"))
                .start()) {
            assertThat(app.get("/perfmon/data.json").statusCode()).isEqualTo(503);
            assertThat(app.get("/perfmon/").statusCode()).isEqualTo(200); // the page loads and shows the error
        }
    }

    @Test
    void settingsAreValidatedWithTheValueInTheMessage() {
        PerfReporter reporter = null;
        try (dev.perfmon.core.PerfMon perfMon = dev.perfmon.core.PerfMon.builder(
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).build()) {
            reporter = PerfReporter.builder(perfMon).build();
            PerfMonDashboardServlet.Builder builder = PerfMonDashboardServlet.builder(reporter);
            assertThatThrownBy(() -> builder.pollInterval(Duration.ofMillis(10))).hasMessageContaining("PT0.01S");
            assertThatThrownBy(() -> builder.maxPoints(1)).hasMessageContaining("was 1");
            assertThatThrownBy(() -> builder.pointInterval(Duration.ofMillis(100))).hasMessageContaining("PT0.1S");
            assertThatThrownBy(() -> builder.title(" ")).hasMessageContaining("' '");
            assertThatThrownBy(() -> builder.build().registerWith(null, "perfmon/")).hasMessageContaining("'perfmon/'");
        }
        assertThat(reporter).isNotNull();
    }
}
