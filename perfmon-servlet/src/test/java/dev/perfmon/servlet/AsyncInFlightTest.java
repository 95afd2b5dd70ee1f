package dev.perfmon.servlet;

import dev.perfmon.core.InFlightRequest;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.servlet.dashboard.PerfMonDashboardServlet;
import dev.perfmon.testsupport.Await;
import jakarta.servlet.AsyncContext;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.perfmon.servlet.MiniJson.array;
import static dev.perfmon.servlet.MiniJson.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An asynchronous request between dispatches runs on no thread, yet it is in flight: held open by
 * the test over real HTTP, it is in {@code perfMon.inFlight()} and in the dashboard's in-flight JSON
 * with its route, age and state, and it leaves both when it completes or times out.
 */
class AsyncInFlightTest {

    private static final HttpMetricsConfig EXCLUDE_DASHBOARD =
            HttpMetricsConfig.builder().excludePathPrefixes("/perfmon").build();
    private static final String DETACHED = InFlightRequest.State.DETACHED.label();

    private final BlockingQueue<AsyncContext> waiting = new LinkedBlockingQueue<>();

    /** A dashboard, and an async servlet that parks each request until the test completes it (or it times out). */
    private TestApp app() throws Exception {
        return TestApp.builder().config(EXCLUDE_DASHBOARD).setup(a -> {
            PerfReporter reporter = PerfReporter.builder(a.perfMon).build();
            a.context.addServlet(new ServletHolder(PerfMonDashboardServlet.builder(reporter).build()), "/perfmon/*");
            a.servlet("/async/wait", Servlets.of((req, res) -> {
                AsyncContext async = req.startAsync();
                String timeout = req.getParameter("timeoutMs");
                async.setTimeout(timeout == null ? 60_000 : Long.parseLong(timeout));
                waiting.add(async);
            }));
        }).start();
    }

    @Test
    void anAsyncRequestBetweenDispatchesIsInFlightOnNoThreadUntilItCompletes() throws Exception {
        try (TestApp app = app()) {
            CompletableFuture<HttpResponse<String>> pending = send(app, "/async/wait");
            AsyncContext async = waiting.poll(20, TimeUnit.SECONDS);
            assertThat(async).isNotNull();

            InFlightRequest first = awaitDetached(app);
            assertThat(first.route()).isEqualTo("GET /async/wait");
            assertThat(first.threadName()).isNull();
            assertThat(first.currentKind()).isNull();
            Thread.sleep(30);
            InFlightRequest later = awaitDetached(app);
            assertThat(later.elapsedNanos()).as("its age grows while it waits").isGreaterThan(first.elapsedNanos());

            List<Object> inFlight = array(json(app, "/perfmon/data.json").get("inFlight"));
            assertThat(inFlight).hasSize(1);
            Map<String, Object> shown = object(inFlight.get(0));
            assertThat(shown.get("route")).isEqualTo("GET /async/wait");
            assertThat(shown.get("state")).isEqualTo(DETACHED);
            assertThat(shown.get("thread")).isNull();
            assertThat((Double) shown.get("ms")).isGreaterThanOrEqualTo(30.0);
            assertThat(pending).as("the test still holds the request open").isNotDone();

            async.getResponse().getWriter().write("done");
            async.complete();
            assertThat(pending.get(20, TimeUnit.SECONDS).body()).isEqualTo("done");
            app.awaitCount(1, "uri", "/async/wait", "status", "200");
            assertThat(app.perfMon.inFlight()).isEmpty();
            assertThat(array(json(app, "/perfmon/data.json").get("inFlight"))).isEmpty();
        }
    }

    @Test
    void anAsyncRequestThatTimesOutLeavesTheViewWhenTheContainerEndsIt() throws Exception {
        try (TestApp app = app()) {
            CompletableFuture<HttpResponse<String>> pending = send(app, "/async/wait?timeoutMs=400");
            assertThat(waiting.poll(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(awaitDetached(app).route()).isEqualTo("GET /async/wait");

            assertThat(pending.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
            app.awaitCount(1, "uri", "/async/wait", "status", "500");
            assertThat(app.perfMon.inFlight()).isEmpty();
            assertThat(array(json(app, "/perfmon/data.json").get("inFlight"))).isEmpty();
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(TestApp app, String path) {
        return TestApp.HTTP.sendAsync(HttpRequest.newBuilder(app.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request once its first dispatch has returned and its scope is on no thread. */
    private static InFlightRequest awaitDetached(TestApp app) {
        return Await.value("an async request in flight between dispatches", () -> app.perfMon.inFlight().stream()
                .filter(r -> r.state() == InFlightRequest.State.DETACHED).findFirst().orElse(null));
    }

    private static Map<String, Object> json(TestApp app, String path) throws Exception {
        HttpResponse<String> response = app.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return object(MiniJson.parse(response.body()));
    }
}
