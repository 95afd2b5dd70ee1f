package dev.perfmon.servlet;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.Segment;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ServerTimingTest {

    private static final HttpMetricsConfig ON = HttpMetricsConfig.builder().serverTiming(true).build();
    private static final Pattern TOTAL = Pattern.compile("^total;dur=(\\d+\\.\\d{3})");

    private static String header(HttpResponse<?> response) {
        return response.headers().firstValue("Server-Timing").orElse(null);
    }

    private static double totalMillis(String header) {
        Matcher m = TOTAL.matcher(header);
        assertThat(m.find()).as("total in %s", header).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void isOffByDefaultBecauseItDisclosesInternals() throws Exception {
        try (TestApp app = TestApp.start(a -> a.servlet("/*", Servlets.text("x")))) {
            assertThat(header(app.get("/x"))).isNull();
        }
    }

    @Test
    void carriesTheTotalAndTheScopesSegmentsCountsAndCacheHits() throws Exception {
        try (TestApp app = TestApp.builder().config(ON).setup(a -> a.servlet("/*", Servlets.of((req, res) -> {
            RequestScope scope = PerfMonFilter.scope(req);
            scope.recordSegment(Segment.DB_POOL, 400_000);
            scope.recordSegment(Segment.DB_QUERY, 2_100_000);
            scope.recordSegment(Segment.DB_QUERY, 3_000_000);
            scope.add(ScopeCounter.STATEMENTS, 3);
            scope.recordSegment(Segment.REDIS, 800_000);
            scope.add(ScopeCounter.CACHE_HITS, 2);
            scope.increment(ScopeCounter.CACHE_MISSES);
            scope.recordSegment(Segment.of("kafka send"), 1_200_000);
            res.getWriter().write("ok");
        }))).start()) {
            String header = header(app.get("/posts"));
            assertThat(header).startsWith("total;dur=")
                    .contains(", db.pool;dur=0.400")
                    .contains(", db.query;dur=5.100;desc=\"3 statements\"")
                    .contains(", redis;dur=0.800")
                    .contains(", kafka_send;dur=1.200")
                    .endsWith(", cache;desc=\"hits=2 misses=1\"");
            assertThat(totalMillis(header)).isPositive();
        }
    }

    @Test
    void isWrittenBeforeAnEarlyFlushCommitsTheResponse() throws Exception {
        try (TestApp app = TestApp.builder().config(ON).setup(a -> a
                .servlet("/flush-buffer", Servlets.of((req, res) -> {
                    res.getWriter().write("head ");
                    res.flushBuffer();
                    a.perfMon.recordSegment(Segment.REDIS, 5_000_000); // after commit: not in the header
                    res.getWriter().write("tail");
                }))
                .servlet("/writer-flush", Servlets.of((req, res) -> {
                    res.getWriter().print("head ");
                    res.getWriter().flush();
                    res.getWriter().print("tail");
                }))
                .servlet("/stream-flush", Servlets.of((req, res) -> {
                    ServletOutputStream out = res.getOutputStream();
                    out.write("head ".getBytes());
                    out.flush();
                    out.write("tail".getBytes());
                }))).start()) {
            for (String path : new String[] {"/flush-buffer", "/writer-flush", "/stream-flush"}) {
                HttpResponse<String> response = app.get(path);
                assertThat(response.body()).as(path).isEqualTo("head tail");
                assertThat(header(response)).as(path).startsWith("total;dur=").doesNotContain("redis");
            }
        }
    }

    @Test
    void isWrittenBeforeABodyLargerThanTheBufferOrTheDeclaredLengthCommits() throws Exception {
        byte[] big = new byte[200_000];
        try (TestApp app = TestApp.builder().config(ON).setup(a -> a
                .servlet("/big", Servlets.of((req, res) -> {
                    res.setBufferSize(4096);
                    res.getOutputStream().write(big);
                }))
                .servlet("/big-text", Servlets.of((req, res) -> {
                    res.setBufferSize(4096);
                    res.setCharacterEncoding("UTF-8");
                    res.getWriter().write("é".repeat(50_000));
                }))
                .servlet("/exact-length", Servlets.of((req, res) -> {
                    res.setContentLength(5);
                    res.getOutputStream().write("12345".getBytes());
                    a.perfMon.recordSegment(Segment.REDIS, 1_000_000);
                }))).start()) {
            HttpResponse<byte[]> response = TestApp.HTTP.send(HttpRequest.newBuilder(app.uri("/big")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.body()).hasSize(big.length);
            assertThat(header(response)).startsWith("total;dur=");
            HttpResponse<String> text = app.get("/big-text");
            assertThat(text.body()).hasSize(50_000);
            assertThat(header(text)).startsWith("total;dur=");
            assertThat(header(app.get("/exact-length"))).startsWith("total;dur=");
        }
    }

    @Test
    void aPerRequestPredicateLimitsItToTrustedClients() throws Exception {
        HttpMetricsConfig trusted = HttpMetricsConfig.builder()
                .serverTimingWhen(req -> "let-me-see".equals(req.getHeader("X-Debug-Timing")))
                .build();
        try (TestApp app = TestApp.builder().config(trusted).setup(a -> a.servlet("/*", Servlets.text("x"))).start()) {
            assertThat(header(app.get("/x"))).isNull();
            HttpResponse<String> allowed = app.send(HttpRequest.newBuilder(app.uri("/x"))
                    .header("X-Debug-Timing", "let-me-see"));
            assertThat(header(allowed)).startsWith("total;dur=");
        }
    }

    @Test
    void anAsyncResponseGetsItWhenItCompletes() throws Exception {
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
        try (TestApp app = TestApp.builder().config(ON).setup(a -> a
                .servlet("/async", Servlets.of((req, res) -> {
                    AsyncContext async = req.startAsync();
                    RequestScope scope = PerfMonFilter.scope(req);
                    worker.schedule(() -> {
                        scope.recordSegment(Segment.DB_QUERY, 2_000_000);
                        try {
                            async.getResponse().getWriter().write("late");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        async.complete();
                    }, 50, TimeUnit.MILLISECONDS);
                }))
                .servlet("/async-dispatch", Servlets.of((req, res) -> {
                    if (req.getDispatcherType() == jakarta.servlet.DispatcherType.ASYNC) {
                        a.perfMon.recordSegment(Segment.REDIS, 1_000_000);
                        res.getWriter().write("dispatched");
                        return;
                    }
                    AsyncContext async = req.startAsync();
                    worker.schedule((Runnable) async::dispatch, 20, TimeUnit.MILLISECONDS);
                }))).start()) {
            HttpResponse<String> response = app.get("/async");
            assertThat(response.body()).isEqualTo("late");
            assertThat(header(response)).contains("db.query;dur=2.000");
            assertThat(totalMillis(header(response))).isGreaterThanOrEqualTo(50.0);

            HttpResponse<String> dispatched = app.get("/async-dispatch");
            assertThat(dispatched.body()).isEqualTo("dispatched");
            assertThat(header(dispatched)).contains("redis;dur=1.000");
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void errorsAndRedirectsGetItToo() throws Exception {
        try (TestApp app = TestApp.builder().config(ON).setup(a -> a
                .servlet("/error", Servlets.of((req, res) -> res.sendError(409, "conflict")))
                .servlet("/redirect", Servlets.of((req, res) -> res.sendRedirect("/elsewhere")))).start()) {
            assertThat(header(app.get("/error"))).startsWith("total;dur=");
            assertThat(header(app.get("/redirect"))).startsWith("total;dur=");
            app.awaitCount(1, "uri", "/error", "status", "409");
            app.awaitCount(1, "uri", "/redirect", "status", "302");
        }
    }
}
