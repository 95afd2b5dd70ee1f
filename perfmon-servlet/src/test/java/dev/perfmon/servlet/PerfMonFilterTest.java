package dev.perfmon.servlet;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.Segment;
import dev.perfmon.testsupport.Await;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PerfMonFilterTest {

    @Test
    void recordsARequestWithSpringsTagNamesAndValues() throws Exception {
        try (TestApp app = TestApp.start(a -> a.servlet("/posts/*", Servlets.text("post")))) {
            HttpResponse<String> response = app.get("/posts/42?secret=1");
            assertThat(response.statusCode()).isEqualTo(200);

            Timer timer = app.timer("method", "GET", "uri", "/posts/{id}", "status", "200", "outcome", "SUCCESS",
                    "exception", "none", "error", "none");
            Await.until("count 1", () -> timer.count() == 1);
            assertThat(timer.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
                    .isEqualTo(Set.of("method", "uri", "status", "outcome", "exception", "error"));
            assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        }
    }

    @Test
    void aRequestNoServletIsMappedForIsNotFoundLikeSpring() throws Exception {
        try (TestApp app = TestApp.start(a -> a.servlet("/posts/*", Servlets.text("post")))) {
            assertThat(app.get("/no/such/path/42").statusCode()).isEqualTo(404);
            assertThat(app.get("/wp-admin/setup-config.php").statusCode()).isEqualTo(404);

            app.awaitCount(2, "uri", "NOT_FOUND", "status", "404", "outcome", "CLIENT_ERROR");
            assertThat(app.count()).isEqualTo(2);
        }
    }

    @Test
    void theDefaultServletsNotFoundsAndRedirectsAreNamedByStatusAndItsOtherAnswersByTheTemplatedPath()
            throws Exception {
        // The default servlet "/" is reached by every path nothing else maps (where Spring's
        // DispatcherServlet sits): reaching it names no route, so, as in Spring for a request no
        // handler matched, its 404s are NOT_FOUND and its 3xx REDIRECTION.
        try (TestApp app = TestApp.start(a -> a.servlet("/", Servlets.of((req, res) -> {
            String path = req.getRequestURI();
            if (path.equals("/docs")) {
                res.sendRedirect("/docs/");
            } else if (path.startsWith("/missing/")) {
                res.sendError(404);
            } else {
                res.getWriter().write("content");
            }
        })))) {
            assertThat(app.get("/docs").statusCode()).isEqualTo(302);
            assertThat(app.get("/missing/7").statusCode()).isEqualTo(404);
            assertThat(app.get("/articles/42").statusCode()).isEqualTo(200);

            app.awaitCount(1, "uri", "REDIRECTION", "status", "302", "outcome", "REDIRECTION");
            app.awaitCount(1, "uri", "NOT_FOUND", "status", "404", "outcome", "CLIENT_ERROR");
            app.awaitCount(1, "uri", "/articles/{id}", "status", "200");
            assertThat(app.count()).isEqualTo(3);
        }
    }

    @Test
    void aCatchAllPathMappingNamesNoRouteSoItsNotFoundsAndRedirectsAreNamedByStatus() throws Exception {
        // "/*" matches whatever the path, like the default servlet: a JAX-RS style front
        // controller mapped there answering 404 to scanners must not turn their paths into routes.
        try (TestApp app = TestApp.start(a -> a.servlet("/*", Servlets.of((req, res) -> {
            String path = req.getRequestURI();
            if (path.startsWith("/orders/")) {
                res.getWriter().write("order");
            } else if (path.equals("/account")) {
                res.sendRedirect("/login");
            } else {
                res.sendError(404);
            }
        })))) {
            assertThat(app.get("/3w5e11264sgsg/wp-admin.php").statusCode()).isEqualTo(404);
            assertThat(app.get("/account").statusCode()).isEqualTo(302);
            assertThat(app.get("/orders/42").statusCode()).isEqualTo(200);

            app.awaitCount(1, "uri", "NOT_FOUND", "status", "404");
            app.awaitCount(1, "uri", "REDIRECTION", "status", "302");
            app.awaitCount(1, "uri", "/orders/{id}", "status", "200");
            assertThat(app.count()).isEqualTo(3);
        }
    }

    @Test
    void anExactServletMappingKeepsItsRouteWhenItsServletRedirectsWhilePrefixAndExtensionMappingsDoNot()
            throws Exception {
        // As in Spring, where a matched handler keeps its pattern whatever it answers: POST /login
        // redirecting after sign-in is the /login route. A prefix or extension mapping matches
        // paths that need not exist, so its 404s and redirects are named by status.
        try (TestApp app = TestApp.start(a -> a
                .servlet("/login", Servlets.of((req, res) -> res.sendRedirect("/home")))
                .servlet("/posts/*", Servlets.of((req, res) -> res.sendError(404)))
                .servlet("*.do", Servlets.of((req, res) -> res.sendRedirect("/new-ui")))
                .servlet("", Servlets.of((req, res) -> res.sendRedirect("/home"))))) {
            HttpResponse<String> login = app.send(java.net.http.HttpRequest.newBuilder(app.uri("/login"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("user=ann")));
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(app.get("/posts/999").statusCode()).isEqualTo(404);
            assertThat(app.get("/legacy/42.do").statusCode()).isEqualTo(302);
            assertThat(app.get("/").statusCode()).isEqualTo(302);

            app.awaitCount(1, "method", "POST", "uri", "/login", "status", "302", "outcome", "REDIRECTION");
            app.awaitCount(1, "uri", "NOT_FOUND", "status", "404", "outcome", "CLIENT_ERROR");
            app.awaitCount(1, "uri", "REDIRECTION", "status", "302");
            app.awaitCount(1, "uri", "root", "status", "302");
            assertThat(app.count("uri", "/posts/{id}")).isZero();
            assertThat(app.count("uri", "/legacy/{id}.do")).isZero();
        }
    }

    @Test
    void aFrameworkRouteAttributeWinsEvenWhenTheHandlerAnswers404OrRedirects() throws Exception {
        try (TestApp app = TestApp.start(a -> a.servlet("/", Servlets.of((req, res) -> {
            if (req.getRequestURI().startsWith("/posts/")) {
                req.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/posts/{postId}");
                res.sendError(404);
            } else {
                req.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/login");
                res.sendRedirect("/home");
            }
        })))) {
            assertThat(app.get("/posts/999").statusCode()).isEqualTo(404);
            assertThat(app.get("/login").statusCode()).isEqualTo(302);
            app.awaitCount(1, "uri", "/posts/{postId}", "status", "404");
            app.awaitCount(1, "uri", "/login", "status", "302");
        }
    }

    @Test
    void springsPatternNamesTheScopeAsSoonAsTheHandlerIsMatchedSoInFlightWorkIsAttributedToIt() throws Exception {
        AtomicReference<String> before = new AtomicReference<>();
        AtomicReference<String> during = new AtomicReference<>();
        try (TestApp app = TestApp.start(a -> a.servlet("/", Servlets.of((req, res) -> {
            before.set(PerfMonFilter.scope(req).route());
            req.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/orders/{orderId}");
            during.set(PerfMonFilter.scope(req).route());
        })))) {
            app.get("/orders/42");
            app.awaitCount(1, "uri", "/orders/{orderId}");
            assertThat(before.get()).as("the templated path until a route is known").isEqualTo("GET /orders/{id}");
            assertThat(during.get()).isEqualTo("GET /orders/{orderId}");
        }
    }

    @Test
    void perfMonsRouteAttributeWinsOverSpringsPatternAndNamesTheScopeAtOnce() throws Exception {
        AtomicReference<String> scopeRouteDuringRequest = new AtomicReference<>();
        try (TestApp app = TestApp.start(a -> a.servlet("/*", Servlets.of((req, res) -> {
            req.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/spring");
            PerfMonFilter.setRoute(req, "/graphql/{operation}/");
            scopeRouteDuringRequest.set(PerfMonFilter.scope(req).route());
        })))) {
            app.get("/graphql");
            app.awaitCount(1, "uri", "/graphql/{operation}");
            assertThat(scopeRouteDuringRequest.get()).isEqualTo("GET /graphql/{operation}");
        }
    }

    @Test
    void servletMappingsNameRoutesExactPathPrefixExtensionAndRoot() throws Exception {
        try (TestApp app = TestApp.start(a -> a
                .servlet("/health", Servlets.text("ok"))
                .servlet("/api/*", Servlets.text("api"))
                .servlet("*.json", Servlets.text("{}"))
                .servlet("", Servlets.text("home")))) {
            app.get("/health");
            app.get("/api/users/123e4567-e89b-12d3-a456-426614174000/orders/17");
            app.get("/reports/2024.json");
            app.get("/");

            app.awaitCount(1, "uri", "/health");
            app.awaitCount(1, "uri", "/api/users/{id}/orders/{id}");
            app.awaitCount(1, "uri", "/reports/{id}.json");
            app.awaitCount(1, "uri", "root");
        }
    }

    @Test
    void contextPathSlashesAndQueryStringsNeverReachTheRoute() throws Exception {
        try (TestApp app = TestApp.builder().contextPath("/shop")
                .setup(a -> a.servlet("/*", Servlets.text("ok"))).start()) {
            // Jetty rejects "//" itself (ambiguous empty segment); the route normalization of
            // duplicate slashes is covered where it matters, in framework-named routes.
            assertThat(app.get("/users/42/?token=abc").statusCode()).isEqualTo(200);
            assertThat(app.get("/users/43?token=def").statusCode()).isEqualTo(200);
            app.awaitCount(2, "uri", "/users/{id}");
            assertThat(app.registry.getMeters()).allSatisfy(meter ->
                    assertThat(meter.getId().getTags()).noneMatch(tag -> tag.getValue().contains("token")
                            || tag.getValue().contains("/shop")));
        }
    }

    @Test
    void anExceptionEscapingTheChainIsRecordedAs500AndRethrownUnchanged() throws Exception {
        IllegalStateException thrown = new IllegalStateException("boom");
        AtomicReference<Throwable> seenOutside = new AtomicReference<>();
        try (TestApp app = TestApp.builder().installFilter(false).setup(a -> {
            Filter outer = (req, res, chain) -> {
                try {
                    chain.doFilter(req, res);
                } catch (Throwable t) {
                    seenOutside.set(t);
                    ((HttpServletResponse) res).sendError(503);
                }
            };
            a.context.addFilter(new FilterHolder(outer), "/*", EnumSet.of(DispatcherType.REQUEST));
            FilterHolder ours = new FilterHolder(a.filter);
            ours.setAsyncSupported(true);
            a.context.addFilter(ours, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            a.servlet("/fail", Servlets.of((req, res) -> {
                res.setStatus(201);
                throw thrown;
            }));
        }).start()) {
            assertThat(app.get("/fail").statusCode()).isEqualTo(503);
            app.awaitCount(1, "uri", "/fail", "status", "500", "outcome", "SERVER_ERROR",
                    "exception", "IllegalStateException", "error", "IllegalStateException");
            assertThat(seenOutside.get()).isSameAs(thrown);
        }
    }

    @Test
    void servletExceptionsAreUnwrappedAndAnonymousExceptionsUseTheirFullName() throws Exception {
        RuntimeException anonymous = new RuntimeException("anon") { };
        try (TestApp app = TestApp.start(a -> a
                .servlet("/wrapped", Servlets.of((req, res) -> {
                    throw new ServletException(new UnsupportedOperationException("inner"));
                }))
                .servlet("/anonymous", Servlets.of((req, res) -> {
                    throw anonymous;
                })))) {
            assertThat(app.get("/wrapped").statusCode()).isEqualTo(500);
            assertThat(app.get("/anonymous").statusCode()).isEqualTo(500);
            app.awaitCount(1, "uri", "/wrapped", "exception", "UnsupportedOperationException");
            app.awaitCount(1, "uri", "/anonymous", "exception", anonymous.getClass().getName());
        }
    }

    @Test
    void errorPageDispatchesAreNeverCountedTwice() throws Exception {
        try (TestApp app = TestApp.builder().installFilter(false).setup(a -> {
            FilterHolder ours = new FilterHolder(a.filter);
            ours.setAsyncSupported(true);
            // Registered for ERROR too, as some frameworks do: those dispatches must pass through untimed.
            a.context.addFilter(ours, "/*", EnumSet.allOf(DispatcherType.class));
            ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
            errors.addErrorPage(404, "/error");
            errors.addErrorPage(500, "/error");
            a.context.setErrorHandler(errors);
            a.servlet("/error", Servlets.text("custom error page"));
            a.servlet("/fail", Servlets.of((req, res) -> {
                throw new IllegalArgumentException("bad");
            }));
            a.servlet("/gone/*", Servlets.of((req, res) -> res.sendError(404)));
            a.servlet("/forward", Servlets.of((req, res) -> req.getRequestDispatcher("/gone/x").forward(req, res)));
        }).start()) {
            HttpResponse<String> failed = app.get("/fail");
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).contains("custom error page");
            assertThat(app.get("/gone/1").body()).contains("custom error page");
            app.get("/forward");

            app.awaitCount(1, "uri", "/fail", "status", "500", "exception", "IllegalArgumentException");
            app.awaitCount(1, "uri", "NOT_FOUND", "status", "404");
            app.awaitCount(1, "uri", "/forward", "status", "404");
            Await.until("three requests", () -> app.count() == 3);
            Thread.sleep(100); // nothing late may arrive (an error dispatch counted twice would)
            assertThat(app.count()).isEqualTo(3);
            assertThat(app.count("uri", "/error")).isZero();
        }
    }

    @Test
    void aHandledExceptionExposedAsTheStandardRequestAttributeIsTagged() throws Exception {
        try (TestApp app = TestApp.start(a -> a.servlet("/handled", Servlets.of((req, res) -> {
            req.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new ArithmeticException("/ by zero"));
            res.setStatus(422);
        })))) {
            app.get("/handled");
            app.awaitCount(1, "uri", "/handled", "status", "422", "outcome", "CLIENT_ERROR",
                    "exception", "ArithmeticException", "error", "ArithmeticException");
        }
    }

    @Test
    void theActiveLongTaskTimerCountsRequestsInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (TestApp app = TestApp.start(a -> a.servlet("/slow/*", Servlets.of((req, res) -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
        })))) {
            CompletableFuture<?> first = TestApp.HTTP.sendAsync(
                    java.net.http.HttpRequest.newBuilder(app.uri("/slow/1")).build(), HttpResponse.BodyHandlers.discarding());
            CompletableFuture<?> second = TestApp.HTTP.sendAsync(
                    java.net.http.HttpRequest.newBuilder(app.uri("/slow/2")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            // Nothing names /slow/1 before the servlet runs: in flight it is UNKNOWN, as in Spring.
            LongTaskTimer active = app.registry.find(PerfMonFilter.ACTIVE_METER)
                    .tags("method", "GET", "uri", "UNKNOWN").longTaskTimer();
            assertThat(active).isNotNull();
            assertThat(active.activeTasks()).isEqualTo(2);
            assertThat(active.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
                    .isEqualTo(Set.of("method", "uri"));
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            Await.until("no active request", () -> active.activeTasks() == 0);
            app.awaitCount(2, "uri", "/slow/{id}");
        }
    }

    @Test
    void theBreakdownIsPublishedUnderTheRouteNamedLate() throws Exception {
        try (TestApp app = TestApp.start(a -> a.servlet("/*", Servlets.of((req, res) -> {
            PerfMon perfMon = a.perfMon;
            perfMon.recordSegment(Segment.DB_QUERY, 3_000_000);
            perfMon.recordSegment(Segment.REDIS, 1_000_000);
            perfMon.increment(dev.perfmon.core.ScopeCounter.STATEMENTS);
            req.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/posts/{id}/comments");
        })))) {
            app.get("/posts/5/comments");
            app.awaitCount(1, "uri", "/posts/{id}/comments");
            Timer query = Await.value("segment timer", () -> app.registry.find("perfmon.request.segment")
                    .tags("uri", "/posts/{id}/comments", "segment", "db.query").timer());
            assertThat(query.count()).isEqualTo(1);
            assertThat(query.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(3_000_000);
            assertThat(app.registry.find("perfmon.request.statements").tags("uri", "/posts/{id}/comments")
                    .summary().totalAmount()).isEqualTo(1);
            assertThat(app.registry.find("perfmon.request.segment").tags("uri", "/posts/{id}/comments", "segment", "redis")
                    .timer().count()).isEqualTo(1);
        }
    }

    @Test
    void excludedRequestsAreNeitherTimedNorScoped() throws Exception {
        AtomicReference<Object> scopeSeen = new AtomicReference<>("unset");
        HttpMetricsConfig config = HttpMetricsConfig.builder().excludePathPrefixes("/metrics", "/static/").build();
        try (TestApp app = TestApp.builder().config(config).setup(a -> a
                .servlet("/metrics", Servlets.of((req, res) -> scopeSeen.set(a.perfMon.currentScope())))
                .servlet("/static/*", Servlets.text("css"))
                .servlet("/page", Servlets.text("page"))).start()) {
            app.get("/metrics");
            app.get("/static/site.css");
            app.get("/page");
            app.awaitCount(1, "uri", "/page");
            assertThat(app.count()).isEqualTo(1);
            assertThat(scopeSeen.get()).isNull();
        }
    }

    @Test
    void warmRequestsRegisterNoMeterAndLookNothingUpInTheRegistry() throws Exception {
        AtomicInteger mapped = new AtomicInteger();
        try (TestApp app = TestApp.start(a -> a.servlet("/items/*", Servlets.text("x")))) {
            app.registry.config().meterFilter(new MeterFilter() {
                @Override
                public Meter.Id map(Meter.Id id) {
                    mapped.incrementAndGet();
                    return id;
                }
            });
            for (int i = 0; i < 3; i++) {
                app.get("/items/" + i);
            }
            app.awaitCount(3, "uri", "/items/{id}");
            int metersAfterWarmUp = app.registry.getMeters().size();
            int lookupsAfterWarmUp = mapped.get();
            for (int i = 0; i < 50; i++) {
                app.get("/items/" + (100 + i));
            }
            app.awaitCount(53, "uri", "/items/{id}");
            assertThat(app.registry.getMeters()).hasSize(metersAfterWarmUp);
            assertThat(mapped.get()).isEqualTo(lookupsAfterWarmUp);
        }
    }

    @Test
    void noFailureOfPerfMonsOwnIsRecordedInOrdinaryTraffic() throws Exception {
        try (TestApp app = TestApp.start(a -> a.servlet("/*", Servlets.text("x")))) {
            for (String path : List.of("/a", "/b/1", "/c?x=y")) {
                app.get(path);
            }
            app.awaitCount(3);
            assertThat(app.perfMon.failureCount("servlet.filter")).isZero();
            assertThat(app.perfMon.failureCount("servlet.route")).isZero();
        }
    }
}
