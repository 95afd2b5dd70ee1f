package dev.perfmon.servlet;

import dev.perfmon.testsupport.Await;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class BadInputTest {

    /** Counts every request that reaches the filter chain, so the meter total can be checked against it. */
    private static TestApp appCountingArrivals(AtomicInteger arrivals, TestApp.Builder builder) throws Exception {
        return appCountingArrivals(arrivals, builder, a -> { });
    }

    private static TestApp appCountingArrivals(AtomicInteger arrivals, TestApp.Builder builder,
                                               java.util.function.Consumer<TestApp> more) throws Exception {
        return builder.installFilter(false).setup(a -> {
            more.accept(a);
            Filter counter = (req, res, chain) -> {
                arrivals.incrementAndGet();
                chain.doFilter(req, res);
            };
            a.context.addFilter(new FilterHolder(counter), "/*", EnumSet.of(DispatcherType.REQUEST));
            FilterHolder ours = new FilterHolder(a.filter);
            ours.setAsyncSupported(true);
            a.context.addFilter(ours, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            a.servlet("/*", Servlets.of((req, res) -> {
                String status = req.getParameter("status");
                if (status != null) {
                    res.setStatus(Integer.parseInt(status));
                }
                res.getWriter().write("ok");
            }));
        }).start();
    }

    private static void assertBoundedAndClean(TestApp app, int maxUriLength) {
        assertThat(app.perfMon.failureCount("servlet.filter")).isZero();
        assertThat(app.perfMon.failureCount("servlet.route")).isZero();
        for (Meter meter : app.registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue().length()).as("%s of %s", tag.getKey(), meter.getId().getName())
                        .isLessThanOrEqualTo(maxUriLength);
            }
        }
    }

    @Test
    void malformedEncodingLongPathsManySegmentsAndNonAsciiAreCountedWithBoundedTags() throws Exception {
        AtomicInteger arrivals = new AtomicInteger();
        try (TestApp app = appCountingArrivals(arrivals, TestApp.builder())) {
            int port = app.port();
            List<Integer> statuses = new ArrayList<>();
            statuses.add(RawHttp.send(port, "GET", "/files/%zz"));
            statuses.add(RawHttp.send(port, "GET", "/files/%"));
            statuses.add(RawHttp.send(port, "GET", "/files/%e9%ff"));
            statuses.add(RawHttp.send(port, "GET", "/wiki/Zürich"));                    // raw UTF-8 bytes
            statuses.add(RawHttp.send(port, "GET", "/wiki/" + new String(new byte[] {(byte) 0xC3, (byte) 0x28},
                    StandardCharsets.ISO_8859_1)));                                             // invalid UTF-8
            statuses.add(RawHttp.send(port, "GET", "/p/" + "a".repeat(6_000)));
            statuses.add(RawHttp.send(port, "GET", "/s" + "/x".repeat(2_000)));
            statuses.add(RawHttp.send(port, "GET", "/s" + "/42".repeat(2_000) + "?q=" + "z".repeat(100)));
            // Jetty answers malformed encoding and raw non-ASCII bytes with 400 before any filter
            // runs; what it lets through must reach the meters, every one of them.
            assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(200, 400));

            assertThat(app.get("/wiki/Z%C3%BCrich").statusCode()).isEqualTo(200);
            assertThat(app.get("/tags/%E6%97%A5%E6%9C%AC/page").statusCode()).isEqualTo(200);

            Await.until("every arrival counted", () -> app.count() == arrivals.get());
            assertThat(arrivals.get()).isEqualTo(statuses.stream().filter(s -> s == 200).count() + 2);
            assertThat(app.count("uri", "/wiki/{id}")).isGreaterThanOrEqualTo(1);
            assertThat(app.count("uri", "/tags/{id}/page")).isEqualTo(1);
            assertThat(app.count("uri", "/p/{id}")).isEqualTo(1);
            assertThat(app.count("uri", "/s" + "/x".repeat(15) + "/**")).isEqualTo(1);
            assertThat(app.count("uri", "/s" + "/{id}".repeat(15) + "/**")).isEqualTo(1);
            assertBoundedAndClean(app, 200);
        }
    }

    @Test
    void lowercaseAndUnknownMethodsAreTaggedUnknownAndTheirPathsNeverBecomeRoutes() throws Exception {
        // Even where a catch-all servlet answers 200 to them: no one routes such methods, so
        // only a route the application names (an exact mapping here) tags them.
        AtomicInteger arrivals = new AtomicInteger();
        try (TestApp app = appCountingArrivals(arrivals, TestApp.builder(),
                a -> a.servlet("/exact", Servlets.text("x")))) {
            for (String method : new String[] {"get", "Post", "FOO", "PROPFIND", "BREW"}) {
                assertThat(RawHttp.send(app.port(), method, "/m")).isEqualTo(200);
                assertThat(RawHttp.send(app.port(), method, "/exact")).isEqualTo(200);
            }
            assertThat(app.send(HttpRequest.newBuilder(app.uri("/m")).method("PATCH",
                    HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
            app.awaitCount(5, "uri", "UNKNOWN", "method", "UNKNOWN");
            app.awaitCount(5, "uri", "/exact", "method", "UNKNOWN");
            app.awaitCount(1, "uri", "/m", "method", "PATCH");
            assertThat(app.count()).isEqualTo(arrivals.get());
        }
    }

    @Test
    void statusesOutside100To599ThatJettyPassesOnAreTaggedUnknownAndThoseItRejectsAreTheServletsFailure()
            throws Exception {
        // Jetty 12 accepts setStatus(600..999) and sends it; below 100 or above 999 setStatus
        // throws IllegalArgumentException out of the servlet, which the container answers with 500.
        record Case(int set, int wire, String status, String outcome, String exception) { }
        List<Case> cases = List.of(
                new Case(600, 600, "UNKNOWN", "UNKNOWN", "none"),
                new Case(999, 999, "UNKNOWN", "UNKNOWN", "none"),
                new Case(0, 500, "500", "SERVER_ERROR", "IllegalArgumentException"),
                new Case(42, 500, "500", "SERVER_ERROR", "IllegalArgumentException"),
                new Case(99, 500, "500", "SERVER_ERROR", "IllegalArgumentException"),
                new Case(1000, 500, "500", "SERVER_ERROR", "IllegalArgumentException"),
                new Case(-1, 500, "500", "SERVER_ERROR", "IllegalArgumentException"),
                new Case(2_000_000_000, 500, "500", "SERVER_ERROR", "IllegalArgumentException"));
        AtomicInteger arrivals = new AtomicInteger();
        try (TestApp app = appCountingArrivals(arrivals, TestApp.builder())) {
            for (Case c : cases) {
                // A status outside 100-599 is no handler's answer: the path is not made a route.
                String uri = c.status().equals("UNKNOWN") ? "UNKNOWN" : "/status";
                String[] tags = {"uri", uri, "status", c.status(), "outcome", c.outcome(),
                        "exception", c.exception(), "error", c.exception()};
                long before = app.count(tags);
                assertThat(RawHttp.send(app.port(), "GET", "/status?status=" + c.set())).as("sent for %s", c.set())
                        .isEqualTo(c.wire());
                app.awaitCount(before + 1, tags);
            }
            assertThat(app.count()).isEqualTo(cases.size()).isEqualTo(arrivals.get());
            assertThat(app.requests().timers()).extracting(t -> t.getId().getTag("status") + " "
                    + t.getId().getTag("outcome") + " " + t.getId().getTag("exception") + " x" + t.count())
                    .containsExactlyInAnyOrder("UNKNOWN UNKNOWN none x2", "500 SERVER_ERROR IllegalArgumentException x6");
            assertBoundedAndClean(app, 100);
        }
    }

    @Test
    void hugeHeadersNeitherBreakTheFilterNorEscapeTheCount() throws Exception {
        AtomicInteger arrivals = new AtomicInteger();
        HttpMetricsConfig config = HttpMetricsConfig.builder().serverTimingWhen(r -> r.getHeader("X-Big") != null).build();
        try (TestApp app = appCountingArrivals(arrivals, TestApp.builder().config(config))) {
            String nearLimit = "v".repeat(7_000);
            int ok = RawHttp.send(app.port(), ("GET /h HTTP/1.1\r\nHost: x\r\nX-Big: " + nearLimit
                    + "\r\nAccept: " + "text/html,".repeat(50)).getBytes(StandardCharsets.US_ASCII));
            int tooBig = RawHttp.send(app.port(), ("GET /h HTTP/1.1\r\nHost: x\r\nX-Big: " + "v".repeat(64_000))
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder many = new StringBuilder("GET /h HTTP/1.1\r\nHost: x");
            for (int i = 0; i < 300; i++) {
                many.append("\r\nX-H").append(i).append(": ").append(i);
            }
            int manyHeaders = RawHttp.send(app.port(), many.toString().getBytes(StandardCharsets.US_ASCII));
            assertThat(ok).isEqualTo(200);
            assertThat(tooBig).isEqualTo(431); // rejected by Jetty before any filter runs
            assertThat(manyHeaders).isBetween(200, 499);
            Await.until("every arrival counted", () -> app.count() == arrivals.get());
            assertThat(app.count("uri", "/h")).isEqualTo(arrivals.get());
            assertBoundedAndClean(app, 100);
        }
    }

    @Test
    void aBurstOfTenThousandRandom404sLeavesMetersBoundedAndCountsExact() throws Exception {
        int connections = 4;
        int perConnection = 2_500;
        Random random = new Random(42);
        try (TestApp app = TestApp.start(a -> a.servlet("/api/*", Servlets.text("x")))) {
            int metersBefore = app.registry.getMeters().size();
            List<CompletableFuture<int[]>> clients = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                List<String> paths = new ArrayList<>(perConnection);
                for (int i = 0; i < perConnection; i++) {
                    paths.add("/" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "/"
                            + (random.nextBoolean() ? "wp-admin" : Integer.toHexString(random.nextInt())) + ".php");
                }
                clients.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return RawHttp.pipeline(app.port(), paths);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            int notFound = 0;
            for (CompletableFuture<int[]> client : clients) {
                for (int status : client.get(60, TimeUnit.SECONDS)) {
                    if (status == 404) {
                        notFound++;
                    }
                }
            }
            int burst = connections * perConnection;
            assertThat(notFound).isEqualTo(burst);
            app.awaitCount(burst, "uri", "NOT_FOUND", "status", "404", "method", "GET");
            assertThat(app.count()).isEqualTo(burst);
            assertThat(app.meterCount(PerfMonFilter.REQUESTS_METER)).isEqualTo(1);
            assertThat(app.registry.find(PerfMonFilter.ACTIVE_METER).longTaskTimers())
                    .singleElement()
                    .satisfies(ltt -> assertThat(ltt.getId().getTag("uri")).isEqualTo("UNKNOWN"))
                    .satisfies(ltt -> assertThat(ltt.activeTasks()).isZero());
            // One timer (plus the SLO bucket gauges SimpleMeterRegistry derives from it), one in-flight
            // timer and one statements-per-request summary (zero statements) for the burst's one route.
            int sloGauges = HttpMetricsConfig.DEFAULT_SLO_BUCKETS.size();
            assertThat(app.meterCount("perfmon.request.statements")).isEqualTo(1);
            assertThat(app.registry.getMeters().size() - metersBefore).isEqualTo(1 + sloGauges + 1 + 1);
        }
    }

    @Test
    void scannerPathsNeverBecomeRoutesNorTagTheInFlightMeterSoALaterRealRouteStillGetsItsOwn() throws Exception {
        // Three times the uri cap of distinct scanner paths, half of them under an /api/* mapping
        // whose servlet answers 404 for what it does not know: all NOT_FOUND when done, all
        // UNKNOWN in flight (as in Spring, before a handler matched), never their templated paths.
        Random random = new Random(11);
        try (TestApp app = TestApp.start(a -> a
                .servlet("/api/*", Servlets.of((req, res) -> {
                    if (req.getPathInfo() != null && req.getPathInfo().startsWith("/orders/")) {
                        res.getWriter().write("order");
                    } else {
                        res.sendError(404);
                    }
                }))
                .servlet("/health", Servlets.text("ok")))) {
            int cap = app.perfMon.config().maxTagValues();
            List<String> scans = new ArrayList<>();
            for (int i = 0; i < 3 * cap; i++) {
                String token = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                scans.add(i % 2 == 0 ? "/" + token + "/wp-admin.php" : "/api/" + token + "/.env");
            }
            assertThat(RawHttp.pipeline(app.port(), scans)).containsOnly(404);
            app.awaitCount(scans.size(), "uri", "NOT_FOUND");

            assertThat(app.get("/api/orders/42").statusCode()).isEqualTo(200);
            assertThat(app.get("/health").statusCode()).isEqualTo(200);
            app.awaitCount(1, "uri", "/api/orders/{id}");
            app.awaitCount(1, "uri", "/health");
            assertThat(app.count("uri", "OTHER")).isZero();

            Set<String> inFlightUris = app.registry.find(PerfMonFilter.ACTIVE_METER).longTaskTimers().stream()
                    .map(ltt -> ltt.getId().getTag("uri")).collect(Collectors.toSet());
            assertThat(inFlightUris).containsExactlyInAnyOrder("UNKNOWN", "/health");
        }
    }

    @Test
    void routesBeyondTheCapFoldIntoTheOverflowValueAndAreStillCounted() throws Exception {
        Random random = new Random(7);
        int requests = 300;
        try (TestApp app = TestApp.start(a -> a.servlet("/*", Servlets.text("x")))) {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                StringBuilder word = new StringBuilder("/w/");
                for (int c = 0; c < 8; c++) {
                    word.append((char) ('a' + random.nextInt(26)));
                }
                paths.add(word.toString());
            }
            assertThat(RawHttp.pipeline(app.port(), paths)).containsOnly(200);
            app.awaitCount(requests);
            int cap = app.perfMon.config().maxTagValues();
            Set<String> uris = app.requests().timers().stream().map(t -> t.getId().getTag("uri")).collect(Collectors.toSet());
            assertThat(uris).hasSize(cap + 1).contains("OTHER");
            assertThat(app.count("uri", "OTHER")).isEqualTo(requests - cap);
        }
    }
}
