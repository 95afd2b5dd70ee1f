package dev.perfmon.servlet;

import dev.perfmon.testsupport.Await;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.ServletOutputStream;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAbortAndStreamingTest {

    @Test
    void aClientThatHangsUpMidResponseIsRecordedAs499WithTheContainersException() throws Exception {
        AtomicReference<Throwable> seenByServlet = new AtomicReference<>();
        try (TestApp app = TestApp.start(a -> a.servlet("/download", Servlets.of((req, res) -> {
            ServletOutputStream out = res.getOutputStream();
            byte[] chunk = new byte[16 * 1024];
            try {
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                    out.flush();
                }
            } catch (java.io.IOException e) {
                seenByServlet.set(e);
                throw e;
            }
        })))) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 5_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /download HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                assertThat(in.readNBytes(64)).hasSize(64);
                socket.setSoLinger(true, 0); // reset, like a browser tab closed mid-download
            }
            app.awaitCount(1, "uri", "/download", "status", "499", "outcome", "CLIENT_ERROR");
            Timer aborted = app.timer("uri", "/download", "status", "499");
            assertThat(aborted.getId().getTag("exception")).isEqualTo(seenByServlet.get().getClass().getSimpleName());
            assertThat(app.count("uri", "/download", "status", "500")).isZero();
        }
    }

    @Test
    void serverSentEventsAreTimedApartFromOrdinaryRequests() throws Exception {
        CountDownLatch streaming = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        try (TestApp app = TestApp.start(a -> a
                .servlet("/events", Servlets.of((req, res) -> {
                    res.setContentType("text/event-stream");
                    PrintWriter writer = res.getWriter();
                    writer.write("data: one\n\n");
                    writer.flush();
                    streaming.countDown();
                    finish.await(10, TimeUnit.SECONDS);
                    writer.write("data: two\n\n");
                }))
                .servlet("/undeclared-events", Servlets.of((req, res) -> {
                    res.setContentType("text/event-stream;charset=UTF-8");
                    res.getWriter().write("data: x\n\n");
                }))
                .servlet("/page", Servlets.text("page")))) {
            CompletableFuture<HttpResponse<String>> events = TestApp.HTTP.sendAsync(
                    HttpRequest.newBuilder(app.uri("/events")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(streaming.await(10, TimeUnit.SECONDS)).isTrue();
            LongTaskTimer open = Await.value("stream in flight", () -> app.registry
                    .find(PerfMonFilter.STREAMS_ACTIVE_METER).tags("uri", "/events").longTaskTimer());
            assertThat(open.activeTasks()).isEqualTo(1);
            assertThat(app.registry.find(PerfMonFilter.ACTIVE_METER).tags("uri", "/events").longTaskTimer()).isNull();
            finish.countDown();
            assertThat(events.get(10, TimeUnit.SECONDS).body()).contains("data: two");
            app.get("/undeclared-events");
            app.get("/page");

            Timer stream = Await.value("stream timer", () -> app.registry.find(PerfMonFilter.STREAMS_METER)
                    .tags("uri", "/events", "status", "200").timer());
            Await.until("stream recorded", () -> stream.count() == 1);
            Await.until("undeclared stream recorded", () -> app.registry.find(PerfMonFilter.STREAMS_METER)
                    .tags("uri", "/undeclared-events").timer() != null);
            app.awaitCount(1, "uri", "/page");
            assertThat(app.count("uri", "/events")).isZero();
            assertThat(app.count("uri", "/undeclared-events")).isZero();
        }
    }

    @Test
    void aCustomLongLivedPredicateAndTurningDetectionOffAreHonoured() throws Exception {
        HttpMetricsConfig config = HttpMetricsConfig.builder()
                .longLived(req -> req.getRequestURI().startsWith("/export"))
                .detectEventStreams(false)
                .build();
        try (TestApp app = TestApp.builder().config(config).setup(a -> a
                .servlet("/export/*", Servlets.text("csv"))
                .servlet("/sse", Servlets.of((req, res) -> {
                    res.setContentType("text/event-stream");
                    res.getWriter().write("data: x\n\n");
                }))).start()) {
            app.get("/export/all");
            app.send(HttpRequest.newBuilder(app.uri("/sse")));
            Await.until("export timed as a stream", () -> app.registry.find(PerfMonFilter.STREAMS_METER)
                    .tags("uri", "/export/all").timer() != null);
            app.awaitCount(1, "uri", "/sse");
            assertThat(app.count("uri", "/export/all")).isZero();
        }
    }
}
