package dev.perfmon.servlet;

import dev.perfmon.testsupport.Await;
import io.micrometer.core.instrument.LongTaskTimer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-flight meter names a route as soon as it is known; alerting series exist at zero. */
class RouteSeriesTest {

    private static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    @Test
    void aRequestInFlightMovesFromUnknownToItsRouteOnceTheFrameworkOrSetRouteNamesIt() throws Exception {
        CountDownLatch routed = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (TestApp app = TestApp.start(a -> a.servlet("/", Servlets.of((req, res) -> {
            if (req.getRequestURI().startsWith("/owners/")) {
                req.setAttribute(SPRING_PATTERN, "/owners/{ownerId}/edit");
            } else {
                PerfMonFilter.setRoute(req, "/jobs/{id}");
            }
            routed.countDown();
            release.await(10, TimeUnit.SECONDS);
        })))) {
            CompletableFuture<Integer> owner = CompletableFuture.supplyAsync(() -> status(app, "/owners/7/edit"));
            CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> status(app, "/jobs/x"));
            assertThat(routed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(active(app, "/owners/{ownerId}/edit")).isEqualTo(1);
            assertThat(active(app, "/jobs/{id}")).isEqualTo(1);
            assertThat(active(app, "UNKNOWN")).isZero();
            release.countDown();
            assertThat(owner.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(job.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            app.awaitCount(1, "uri", "/owners/{ownerId}/edit");
            app.awaitCount(1, "uri", "/jobs/{id}");
            Await.until("nothing in flight", () -> active(app, "/owners/{ownerId}/edit") == 0
                    && active(app, "/jobs/{id}") == 0 && active(app, "UNKNOWN") == 0);
        }
    }

    @Test
    void aRequestStartsInFlightUnderTheRouteItsPathShapeWasLastNamedWithAndMovesIfNamedOtherwise() throws Exception {
        java.util.Map<String, String> inFlightBeforeRouting = new java.util.concurrent.ConcurrentHashMap<>();
        try (TestApp app = TestApp.start(a -> a.servlet("/", Servlets.of((req, res) -> {
            String path = req.getRequestURI();
            inFlightBeforeRouting.put(path, "UNKNOWN=" + active(a, "UNKNOWN")
                    + " owners=" + active(a, "/owners/{ownerId}/edit") + " other=" + active(a, "/other/{id}/edit"));
            if (!path.startsWith("/slow/")) {
                req.setAttribute(SPRING_PATTERN, path.equals("/owners/9/edit") ? "/other/{id}/edit" : "/owners/{ownerId}/edit");
            }
        })))) {
            assertThat(app.get("/owners/7/edit").statusCode()).isEqualTo(200);
            assertThat(app.get("/owners/8/edit").statusCode()).isEqualTo(200);
            assertThat(app.get("/owners/9/edit").statusCode()).isEqualTo(200);
            assertThat(app.get("/owners/10/edit").statusCode()).isEqualTo(200);
            assertThat(app.get("/slow/1").statusCode()).isEqualTo(200);
            assertThat(app.get("/slow/2").statusCode()).isEqualTo(200);

            assertThat(inFlightBeforeRouting).containsEntry("/owners/7/edit", "UNKNOWN=1 owners=0 other=0")
                    .as("named /owners/{ownerId}/edit the last time").containsEntry("/owners/8/edit", "UNKNOWN=0 owners=1 other=0")
                    .containsEntry("/owners/9/edit", "UNKNOWN=0 owners=1 other=0")
                    .as("named /other/{id}/edit the last time").containsEntry("/owners/10/edit", "UNKNOWN=0 owners=0 other=1")
                    .as("never named").containsEntry("/slow/1", "UNKNOWN=1 owners=0 other=0")
                    .containsEntry("/slow/2", "UNKNOWN=1 owners=0 other=0");
            app.awaitCount(3, "uri", "/owners/{ownerId}/edit");
            app.awaitCount(1, "uri", "/other/{id}/edit");
            Await.until("nothing in flight", () -> active(app, "/owners/{ownerId}/edit") == 0
                    && active(app, "/other/{id}/edit") == 0 && active(app, "UNKNOWN") == 0);
        }
    }

    @Test
    void aFloodOfNamedPathShapesNeitherForgetsAKnownRouteNorGrowsPastTheBoundAndLateShapesStillCountUnderTheirRoute()
            throws Exception {
        java.util.Map<String, String> inFlightBeforeRouting = new java.util.concurrent.ConcurrentHashMap<>();
        try (TestApp app = TestApp.start(a -> a.servlet("/", Servlets.of((req, res) -> {
            String path = req.getRequestURI();
            if (!path.startsWith("/flood/")) {
                inFlightBeforeRouting.put(path, "UNKNOWN=" + active(a, "UNKNOWN")
                        + " owners=" + active(a, "/owners/{ownerId}/edit") + " late=" + active(a, "/late/{slug}"));
            }
            String pattern = path.startsWith("/owners/") ? "/owners/{ownerId}/edit"
                    : path.startsWith("/late/") ? "/late/{slug}" : "/flood/{slug}";
            req.setAttribute(SPRING_PATTERN, pattern);
        })))) {
            assertThat(app.get("/owners/7/edit").statusCode()).isEqualTo(200);
            // Letter-only segments stay in the templated path: each request is a path shape of its own.
            int flood = 2_100;
            for (int i = 0; i < flood; i++) {
                assertThat(app.get("/flood/" + letters(i)).statusCode()).isEqualTo(200);
            }
            assertThat(app.get("/owners/8/edit").statusCode()).isEqualTo(200);
            assertThat(app.get("/late/ab").statusCode()).isEqualTo(200);
            assertThat(app.get("/late/ab").statusCode()).isEqualTo(200);

            assertThat(inFlightBeforeRouting)
                    .as("learned before the flood, still remembered after it")
                    .containsEntry("/owners/8/edit", "UNKNOWN=0 owners=1 late=0")
                    .as("past the bound a new shape is not remembered: it starts under UNKNOWN each time")
                    .containsEntry("/late/ab", "UNKNOWN=1 owners=0 late=0");
            app.awaitCount(2, "uri", "/owners/{ownerId}/edit");
            app.awaitCount(flood, "uri", "/flood/{slug}");
            app.awaitCount(2, "uri", "/late/{slug}");
            Await.until("nothing in flight", () -> active(app, "UNKNOWN") == 0
                    && active(app, "/late/{slug}") == 0 && active(app, "/flood/{slug}") == 0);
        }
    }

    /** @return {@code i} spelled in lower-case letters ({@code a}, {@code b}, ... {@code ba}, ...) */
    private static String letters(int i) {
        StringBuilder word = new StringBuilder();
        do {
            word.insert(0, (char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return word.toString();
    }

    @Test
    void aDeclaredRouteGetsItsServerErrorSeriesAtZeroOnFirstSightAndUpFrontWhenDeclared() throws Exception {
        HttpMetricsConfig config = HttpMetricsConfig.builder().declareRoutes("POST /orders").build();
        try (TestApp app = TestApp.builder().config(config).setup(a -> a
                .servlet("/health", Servlets.text("ok"))
                .servlet("/items/*", Servlets.text("x"))).start()) {
            assertThat(zeroSeries(app, "POST", "/orders")).as("declared up front").containsExactlyInAnyOrder("500", "503");

            assertThat(app.get("/health").statusCode()).isEqualTo(200);
            assertThat(app.get("/items/1").statusCode()).isEqualTo(200);
            assertThat(app.get("/nothing").statusCode()).isEqualTo(404);
            app.awaitCount(3);
            assertThat(zeroSeries(app, "GET", "/health")).containsExactlyInAnyOrder("500", "503");
            assertThat(zeroSeries(app, "GET", "/items/{id}")).as("templated: not initialised").isEmpty();
            assertThat(zeroSeries(app, "GET", "NOT_FOUND")).as("fixed values: not initialised").isEmpty();
            assertThat(app.count()).as("zero series count nothing").isEqualTo(3);
        }
    }

    private static java.util.List<String> zeroSeries(TestApp app, String method, String uri) {
        return app.requests("method", method, "uri", uri).timers().stream()
                .filter(t -> t.getId().getTag("outcome").equals("SERVER_ERROR") && t.count() == 0)
                .map(t -> t.getId().getTag("status")).toList();
    }

    private static int status(TestApp app, String path) {
        try {
            return app.get(path).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long active(TestApp app, String uri) {
        LongTaskTimer ltt = app.registry.find(PerfMonFilter.ACTIVE_METER).tag("uri", uri).longTaskTimer();
        return ltt == null ? 0 : ltt.activeTasks();
    }
}
