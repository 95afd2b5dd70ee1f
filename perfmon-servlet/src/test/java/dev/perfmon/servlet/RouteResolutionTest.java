package dev.perfmon.servlet;

import dev.perfmon.servlet.internal.PathTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RouteResolutionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                          | root",
            "/                                           | root",
            "///                                         | root",
            "/posts                                      | /posts",
            "/posts/                                     | /posts",
            "//posts///comments//                        | /posts/comments",
            "posts/42                                    | /posts/{id}",
            "/posts/42/comments/7                        | /posts/{id}/comments/{id}",
            "/users/123e4567-e89b-12d3-a456-426614174000 | /users/{id}",
            "/blobs/5f2b9c0e1a7d4e3f                     | /blobs/{id}",
            "/commits/9fceb02d0ae598e95dc970b74767f19372d61af8 | /commits/{id}",
            "/words/deadbeef                             | /words/deadbeef",
            "/t/eyJhbGciOiJIUzI1NiJ9x0                   | /t/{id}",
            "/t/aB3dE5fG7hK2                             | /t/{id}",
            "/v1/page2/user-profile                      | /v1/page2/user-profile",
            "/archive/2024-01-15                         | /archive/{id}",
            "/docs/1.2.3/index.html                      | /docs/{id}/index.html",
            "/reports/2024.pdf                           | /reports/{id}.pdf",
            "/reports/summary.pdf                        | /reports/summary.pdf",
            "/files/caf%C3%A9                            | /files/{id}",
            "/wiki/Zürich                                | /wiki/{id}",
            "/search/a+b                                 | /search/{id}",
            "/cart;jsessionid=ABC123/items               | /cart/items",
            "/;x=1/a                                     | /a",
            "/this-is-a-very-long-descriptive-slug-for-a-post | /{id}",
    })
    void templatingTurnsIdLikeSegmentsIntoPlaceholders(String path, String route) {
        assertThat(PathTemplates.template(path)).isEqualTo(route);
    }

    @Test
    void cleanPathsAreReturnedWithoutCopying() {
        String path = "/api/users/profile";
        assertThat(PathTemplates.template(path)).isSameAs(path);
    }

    @Test
    void pathsOfOneShapeShareOneTemplateInstance() {
        String first = PathTemplates.template("/posts/42/comments");
        assertThat(PathTemplates.template("/posts/43/comments")).isSameAs(first).isEqualTo("/posts/{id}/comments");
        assertThat(PathTemplates.template("/posts/e5f1a2b3c4d5/comments/")).isSameAs(first);
    }

    @Test
    void manySegmentsAreCutAfterSixteen() {
        String route = PathTemplates.template("/a".repeat(5_000));
        assertThat(route).isEqualTo("/a".repeat(16) + "/**");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/posts/{id}      | /posts/{id}",
            "/                | /",
            "''               | root",
            "/posts/{id}/     | /posts/{id}",
            "/a//b///c        | /a/b/c",
            "/q?x=1           | /q",
            "graphql          | graphql",
    })
    void frameworkRoutesAreOnlyTidied(String route, String expected) {
        assertThat(PathTemplates.normalize(route)).isEqualTo(expected);
    }

    @Test
    void aCustomResolverIsConsultedFirstAndAFailingOneIsCountedAndSkipped() throws Exception {
        HttpMetricsConfig config = HttpMetricsConfig.builder()
                .addRouteResolver((request, status) -> {
                    if (request.getRequestURI().startsWith("/explode")) {
                        throw new IllegalStateException("resolver bug");
                    }
                    return null;
                })
                .addRouteResolver(RouteResolver.attribute("my.framework.route"))
                .build();
        try (TestApp app = TestApp.builder().config(config).setup(a -> a.servlet("/*", Servlets.of((req, res) -> {
            req.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/spring");
            if (req.getRequestURI().startsWith("/mine")) {
                req.setAttribute("my.framework.route", "/mine/{slug}");
            }
        }))).start()) {
            app.get("/mine/hello");
            app.get("/explode/1");
            app.awaitCount(1, "uri", "/mine/{slug}");
            app.awaitCount(1, "uri", "/spring");
            assertThat(app.perfMon.failureCount("servlet.route")).isEqualTo(2); // at start and at the end
        }
    }

    @Test
    void aReplacedChainThatNamesNothingGivesUnknown() throws Exception {
        HttpMetricsConfig config = HttpMetricsConfig.builder().routeResolvers(RouteResolver.springMvc()).build();
        try (TestApp app = TestApp.builder().config(config).setup(a -> a.servlet("/*", Servlets.text("x"))).start()) {
            app.get("/anything/42");
            app.awaitCount(1, "uri", "UNKNOWN");
        }
    }
}
