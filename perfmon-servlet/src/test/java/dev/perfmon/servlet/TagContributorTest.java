package dev.perfmon.servlet;

import dev.perfmon.core.PerfMonConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Applications add bounded tags of their own to http.server.requests; perfmon keeps them bounded and contained. */
class TagContributorTest {

    @Test
    void aHeaderTagSplitsTheRequestTimerByItsAllowedValuesAndFoldsTheRestIntoOther() throws Exception {
        HttpMetricsConfig config = HttpMetricsConfig.builder()
                .addTagContributor(HttpTagContributor.fromHeader("client", "X-Client-Kind", "web", "ios"))
                .build();
        try (TestApp app = TestApp.builder().config(config).setup(a -> a.servlet("/items/*", Servlets.text("x"))).start()) {
            for (String client : new String[] {"web", "web", "ios", "curl/8.1", "' or 1=1 --"}) {
                assertThat(app.send(item(app).header("X-Client-Kind", client)).statusCode()).isEqualTo(200);
            }
            assertThat(app.get("/items/1").statusCode()).isEqualTo(200);

            app.awaitCount(6, "uri", "/items/{id}");
            assertThat(app.count("uri", "/items/{id}", "client", "web")).isEqualTo(2);
            assertThat(app.count("uri", "/items/{id}", "client", "ios")).isEqualTo(1);
            assertThat(app.count("uri", "/items/{id}", "client", "other")).isEqualTo(2);
            assertThat(app.count("uri", "/items/{id}", "client", "none")).isEqualTo(1);
            assertThat(values(app, "client")).containsExactlyInAnyOrder("web", "ios", "other", "none");
        }
    }

    @Test
    void aContributorLeakingUnboundedValuesCostsOneOverflowSeriesAndEveryRequestIsStillCounted() throws Exception {
        HttpMetricsConfig config = HttpMetricsConfig.builder()
                .addTagContributor(tag("user", (req, res) -> req.getHeader("X-User")))
                .build();
        PerfMonConfig small = PerfMonConfig.builder().maxTagValues(5).build();
        try (TestApp app = TestApp.builder().config(config).perfMonConfig(small)
                .setup(a -> a.servlet("/items/*", Servlets.text("x"))).start()) {
            for (int user = 0; user < 40; user++) {
                app.send(item(app).header("X-User", "user-" + user));
            }

            app.awaitCount(40);
            // Five values per tag: the default ("none") holds one, four users get theirs, the rest fold.
            assertThat(values(app, "user")).containsExactlyInAnyOrder("user-0", "user-1", "user-2", "user-3", "OTHER");
            assertThat(app.count("user", "OTHER")).isEqualTo(36);
        }
    }

    @Test
    void aContributorThatThrowsRecordsItsDefaultValueCountsTheFailureAndTheResponseIsUnchanged() throws Exception {
        HttpMetricsConfig config = HttpMetricsConfig.builder()
                .addTagContributor(tag("tier", (req, res) -> {
                    throw new IllegalStateException("tenant lookup down");
                }))
                .build();
        try (TestApp app = TestApp.builder().config(config).setup(a -> a.servlet("/items/*", Servlets.text("x"))).start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(app.get("/items/" + i).body()).isEqualTo("x");
            }

            app.awaitCount(3, "uri", "/items/{id}", "tier", "none");
            assertThat(app.perfMon.failureCount("servlet.tags")).isEqualTo(3);
        }
    }

    @Test
    void theZeroSeriesOfADeclaredRouteCarryTheContributorsDefaultValues() throws Exception {
        HttpMetricsConfig config = HttpMetricsConfig.builder().declareRoutes("POST /orders")
                .addTagContributor(HttpTagContributor.fromHeader("client", "X-Client-Kind", "web")).build();
        try (TestApp app = TestApp.builder().config(config).setup(a -> a.servlet("/health", Servlets.text("ok"))).start()) {
            assertThat(app.requests("method", "POST", "uri", "/orders", "client", "none").timers())
                    .extracting(t -> t.getId().getTag("status")).containsExactlyInAnyOrder("500", "503");
        }
    }

    @Test
    void keysPerfmonWritesOrThatAnotherContributorHasAreRefusedAtConfiguration() {
        HttpMetricsConfig.Builder builder = HttpMetricsConfig.builder().addTagContributor(tag("client", (req, res) -> "a"));

        assertThatThrownBy(() -> builder.addTagContributor(tag("uri", (req, res) -> "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'uri'");
        assertThatThrownBy(() -> builder.addTagContributor(tag(" ", (req, res) -> "a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.addTagContributor(tag("client", (req, res) -> "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two tag contributors for key 'client'");
    }

    private static HttpRequest.Builder item(TestApp app) {
        return HttpRequest.newBuilder(app.uri("/items/7"));
    }

    private static Set<String> values(TestApp app, String key) {
        return app.requests().timers().stream().map(t -> t.getId().getTag(key)).collect(Collectors.toSet());
    }

    private interface Value {
        String of(HttpServletRequest request, HttpServletResponse response);
    }

    private static HttpTagContributor tag(String key, Value value) {
        return new HttpTagContributor() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public String value(HttpServletRequest request, HttpServletResponse response) {
                return value.of(request, response);
            }
        };
    }
}
