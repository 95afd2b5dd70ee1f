package dev.perfmon.servlet;

import dev.perfmon.testsupport.Await;
import dev.perfmon.testsupport.FailingRegistry;
import dev.perfmon.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Jetty over HTTP with a registry that refuses meters or throws on record: the application
 * answers exactly as it would alone, and every request the filter could not record is counted.
 */
class RegistryFaultsTest {

    private static final int REQUESTS = 200;

    private static TestApp app(FailingRegistry registry, AtomicInteger thrown) throws Exception {
        return TestApp.builder().registry(registry).setup(a -> a
                .servlet("/hello", Servlets.text("hello"))
                .servlet("/teapot", Servlets.of((request, response) -> {
                    response.setStatus(418);
                    response.getWriter().write("short and stout");
                }))
                .servlet("/boom", Servlets.of((request, response) -> {
                    thrown.incrementAndGet();
                    throw new IllegalStateException("the app's own failure");
                }))).start();
    }

    @Test
    void withEveryRegistrationRefusedResponsesAreTheAppsAndEveryRequestIsCountedAsLost() throws Exception {
        FailingRegistry registry = FailingRegistry.refusingRegistration();
        AtomicInteger thrown = new AtomicInteger();
        try (LogCapture log = LogCapture.of("dev.perfmon"); TestApp app = app(registry, thrown)) {
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<String> hello = app.get("/hello");
                assertThat(hello.statusCode()).isEqualTo(200);
                assertThat(hello.body()).isEqualTo("hello");
            }
            HttpResponse<String> teapot = app.get("/teapot");
            assertThat(teapot.statusCode()).isEqualTo(418);
            assertThat(teapot.body()).isEqualTo("short and stout");
            assertThat(app.get("/boom").statusCode()).isEqualTo(500);
            assertThat(thrown.get()).isEqualTo(1);

            int total = REQUESTS + 2;
            Await.until(total + " lost requests", () -> app.perfMon.lostMeasurements("servlet.meters") >= total);
            assertThat(app.perfMon.lostMeasurements("servlet.meters")).isEqualTo(total);
            assertThat(app.perfMon.lostMeasurements("servlet.active")).isEqualTo(total);
            assertThat(log.containing("servlet.meters")).hasSize(1);
        }
    }

    @Test
    void withTimersThatThrowOnRecordResponsesAreTheAppsAndEveryRequestIsCountedAsLost() throws Exception {
        FailingRegistry registry = FailingRegistry.throwingOnRecord().sparing("perfmon.");
        AtomicInteger thrown = new AtomicInteger();
        try (TestApp app = app(registry, thrown)) {
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<String> hello = app.get("/hello");
                assertThat(hello.statusCode()).isEqualTo(200);
                assertThat(hello.body()).isEqualTo("hello");
            }
            assertThat(app.get("/boom").statusCode()).isEqualTo(500);
            assertThat(thrown.get()).isEqualTo(1);

            int total = REQUESTS + 1;
            Await.until(total + " failed records", () -> registry.failedRecords("http.server.requests") >= total);
            assertThat(registry.failedRecords("http.server.requests")).isEqualTo(total);
            // Each record that threw (the timer, and the in-flight timer's start) is counted by the filter.
            Await.until("failures counted", () -> app.perfMon.failureCount("servlet.filter") >= registry.failedRecords());
            assertThat(registry.failedRecords("http.server.requests.active")).isEqualTo(total);
            assertThat(app.perfMon.failureCount("servlet.filter")).isEqualTo(registry.failedRecords());
        }
    }
}
