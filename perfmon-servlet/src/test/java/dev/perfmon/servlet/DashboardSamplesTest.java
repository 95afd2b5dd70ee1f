package dev.perfmon.servlet;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.servlet.dashboard.PerfMonDashboardServlet;
import io.micrometer.core.instrument.MockClock;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.perfmon.servlet.MiniJson.array;
import static dev.perfmon.servlet.MiniJson.object;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's request samples, in-flight requests and first-visit history, over real HTTP. */
class DashboardSamplesTest {

    private static final HttpMetricsConfig EXCLUDE_DASHBOARD =
            HttpMetricsConfig.builder().excludePathPrefixes("/perfmon").build();
    private static final String SELECT = "select * from report_rows where region = ?";
    private static final String UPDATE = "update report_state set seen = ? where region = ?";

    private final MockClock clock = new MockClock();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private PerfReporter reporter;

    private TestApp app() throws Exception {
        return TestApp.builder().config(EXCLUDE_DASHBOARD).clock(clock).setup(a -> {
            reporter = PerfReporter.builder(a.perfMon).build();
            PerfMonDashboardServlet servlet = PerfMonDashboardServlet.builder(reporter)
                    .pointInterval(Duration.ofSeconds(5)).build();
            a.context.addServlet(new ServletHolder(servlet), "/perfmon/*");
            a.servlet("/reports/*", Servlets.of((req, res) -> {
                RequestScope scope = a.perfMon.currentScope();
                long start = clock.monotonicTime();
                clock.add(300, TimeUnit.MILLISECONDS);
                scope.recordSegment(Segment.DB_POOL, clock.monotonicTime() - start);
                scope.timeline(Segment.DB_POOL, null, start, clock.monotonicTime() - start);
                long query = clock.monotonicTime();
                clock.add(600, TimeUnit.MILLISECONDS);
                scope.timeline(Segment.DB_QUERY, SELECT, query, clock.monotonicTime() - query);
                scope.timeline(Segment.DB_QUERY, UPDATE, clock.monotonicTime(), 0, 3);
                if (req.getParameter("fail") != null) {
                    throw new IllegalStateException("region EU-42 has no rows");
                }
                res.getWriter().write("report");
            }));
            a.servlet("/held", Servlets.of((req, res) -> {
                RequestScope scope = a.perfMon.currentScope();
                scope.enter(Segment.DB_QUERY, SELECT, clock.monotonicTime());
                held.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }).start();
    }

    private static Map<String, Object> json(TestApp app, String path) throws Exception {
        HttpResponse<String> response = app.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return object(MiniJson.parse(response.body()));
    }

    @Test
    void aSlowAndAFailedRequestAreListedAndEachOpensToItsTimeline() throws Exception {
        try (TestApp app = app()) {
            app.get("/reports/17");
            app.get("/reports/18?fail=yes");
            app.awaitCount(2);

            Map<String, Object> data = json(app, "/perfmon/data.json");
            assertThat(data.get("latencySloMs")).isEqualTo(400.0);
            List<Object> items = array(object(data.get("samples")).get("items"));
            assertThat(items).extracting(i -> object(i).get("route")).containsExactly("GET /reports/{id}", "GET /reports/{id}");
            assertThat(items).extracting(i -> object(i).get("reason")).containsExactly("SLOW", "FAILED");
            assertThat(items).extracting(i -> object(i).get("status")).containsExactly(200.0, 500.0);
            assertThat(object(items.get(1)).get("exception")).isEqualTo("IllegalStateException");
            assertThat(object(items.get(0)).get("ms")).isEqualTo(900.0);

            Map<String, Object> sample = json(app, "/perfmon/sample.json?id=" + ((Double) object(items.get(0)).get("id")).longValue());
            List<Object> timeline = array(sample.get("timeline"));
            assertThat(timeline).extracting(e -> object(e).get("kind")).containsExactly("db.pool", "db.query", "db.query");
            assertThat(object(timeline.get(0)).get("ms")).isEqualTo(300.0);
            assertThat(object(timeline.get(1)).get("label")).isEqualTo(SELECT);
            assertThat(object(timeline.get(1)).get("offsetMs")).isEqualTo(300.0);
            assertThat(object(timeline.get(2)).get("label")).isEqualTo(UPDATE);
            assertThat(object(timeline.get(2)).get("rows")).as("the rows the update changed").isEqualTo(3.0);
            assertThat(object(timeline.get(0))).as("no count for a pool wait").doesNotContainKey("rows");
            assertThat(object(timeline.get(1))).as("no count for a query").doesNotContainKey("rows");
            assertThat(app.get("/perfmon/data.json").body()).doesNotContain("EU-42").doesNotContain("/reports/17").doesNotContain("yes");
            assertThat(app.get("/perfmon/sample.json?id=999").statusCode()).isEqualTo(404);
            assertThat(app.get("/perfmon/sample.json?id=x").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aRequestHeldOpenIsInFlightWithTheStatementItRuns() throws Exception {
        try (TestApp app = app()) {
            CompletableFuture<HttpResponse<String>> pending = TestApp.HTTP.sendAsync(
                    java.net.http.HttpRequest.newBuilder(app.uri("/held")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
            clock.add(1500, TimeUnit.MILLISECONDS);
            List<Object> running = array(json(app, "/perfmon/data.json").get("inFlight"));
            release.countDown();
            assertThat(running).hasSize(1);
            Map<String, Object> request = object(running.get(0));
            assertThat(request.get("route")).isEqualTo("GET /held");
            assertThat(request.get("ms")).isEqualTo(1500.0);
            assertThat(request.get("kind")).isEqualTo("db.query");
            assertThat(request.get("label")).isEqualTo(SELECT);
            assertThat(pending.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            app.awaitCount(1);
            assertThat(array(json(app, "/perfmon/data.json").get("inFlight"))).isEmpty();
        }
    }

    @Test
    void theFirstVisitShowsTheRecentPastTheReporterAlreadySampled() throws Exception {
        try (TestApp app = app()) {
            for (int step = 0; step < 6; step++) {
                app.get("/reports/" + step);
                app.awaitCount(step + 1);
                clock.add(5, TimeUnit.SECONDS);
                reporter.sample();
            }
            List<Object> series = array(json(app, "/perfmon/data.json").get("series"));
            assertThat(series).hasSizeGreaterThanOrEqualTo(6);
            assertThat(series).extracting(p -> object(p).get("requests")).startsWith(1.0, 1.0, 1.0, 1.0, 1.0);
            double previous = 0;
            for (Object point : series) {
                double t = (Double) object(point).get("t");
                assertThat(t).isGreaterThan(previous);
                previous = t;
            }
        }
    }
}
