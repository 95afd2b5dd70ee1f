package dev.perfmon.servlet;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.testsupport.TestThreads;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Jetty's request threads virtual, each request is served on its own virtual thread, finds
 * its own request scope there (the one the filter opened for its route, never another request's),
 * and is counted under its own route once.
 */
@Tag("virtual-threads")
class VirtualThreadRequestsTest {

    private static final int PER_ROUTE = 100;
    private static final ScopeCounter ITEMS = ScopeCounter.of("items");

    @Test
    void everyRequestRunsOnAVirtualThreadInItsOwnScopeAndIsCountedUnderItsRoute() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Object> wrappers = new CopyOnWriteArrayList<>();
        try (TestApp app = TestApp.start(a -> {
            Servlets.Handler handler = (request, response) -> {
                RequestScope scope = a.perfMon.currentScope();
                int items = Integer.parseInt(request.getParameter("items"));
                for (int i = 0; i < items; i++) {
                    scope.increment(ITEMS);
                    Thread.yield();                              // let other requests' virtual threads run on this carrier
                }
                seen.add(TestThreads.isVirtual(Thread.currentThread()) + " " + scope.route() + " " + scope.counter(ITEMS));
                wrappers.add(request);
                response.getWriter().write("ok");
            };
            a.servlet("/posts/*", Servlets.of(handler));
            a.servlet("/users/*", Servlets.of(handler));
        })) {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < PER_ROUTE; i++) {
                responses.add(TestApp.HTTP.sendAsync(java.net.http.HttpRequest.newBuilder(app.uri("/posts/" + i + "?items=3"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
                responses.add(TestApp.HTTP.sendAsync(java.net.http.HttpRequest.newBuilder(app.uri("/users/" + i + "?items=5"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).isEqualTo(200);
            }
            app.awaitCount(PER_ROUTE, "uri", "/posts/{id}", "status", "200");
            app.awaitCount(PER_ROUTE, "uri", "/users/{id}", "status", "200");
            assertThat(seen).hasSize(2 * PER_ROUTE)
                    .containsOnly("true GET /posts/{id} 3", "true GET /users/{id} 5");
            // A fresh thread per request: the filter's request state is never recycled across them.
            java.util.Set<Object> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            distinct.addAll(wrappers);
            assertThat(distinct).as("distinct request wrappers").hasSize(2 * PER_ROUTE);
        }
    }
}
