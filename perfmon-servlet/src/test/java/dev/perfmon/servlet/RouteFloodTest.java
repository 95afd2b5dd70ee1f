package dev.perfmon.servlet;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unknown paths, sent with every kind of method and answered with every kind of status, can
 * neither put a raw path into a tag nor push the application's routes into the overflow value.
 */
class RouteFloodTest {

    private static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND", "SMUGGLE"};
    private static final String[] PREFIXES = {"", "/owners", "/api", "/files", "/admin", "/secure", "/old", "/posts",
            "/async", "/wp-admin"};
    /** Every uri value a request may end with here: the application's routes and the fixed values. */
    private static final Set<String> ROUTES = Set.of("/owners/{ownerId}/edit", "/posts/naive", "/api/orders/{id}",
            "/files/{id}", "/async/report", "/error");
    private static final Set<String> FIXED = Set.of("NOT_FOUND", "REDIRECTION", "UNKNOWN");

    private final AtomicLong resent = new AtomicLong();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "flood-client");
                t.setDaemon(true);
                return t;
            }))
            .build();

    /**
     * A small application as real ones are built: a Spring-MVC-like front controller on the
     * default mapping (sets the best-matching pattern, answers 404 to what it does not route and
     * leaves the other methods to {@code HttpServlet}: 405, OPTIONS 200, 501), an exact servlet
     * mapping, a prefix servlet naming its routes with {@code setRoute}, a prefix servlet left
     * to templating, an async servlet, an error page, and filters after perfmon's that reject
     * (401, 403, 415) and redirect (301, 302) any path they like.
     */
    private static Consumer<TestApp> application() {
        return a -> {
            Filter security = (req, res, chain) -> {
                String path = ((HttpServletRequest) req).getRequestURI();
                HttpServletResponse response = (HttpServletResponse) res;
                if (path.startsWith("/admin")) {
                    response.sendError(401);
                } else if (path.startsWith("/secure")) {
                    response.sendError(403);
                } else if ("application/x-flood".equals(req.getContentType())) {
                    response.sendError(415);
                } else if (path.startsWith("/old/")) {
                    response.sendRedirect("/new/");
                } else if (path.startsWith("/wp-admin")) {
                    response.setStatus(301);
                    response.setHeader("Location", "/");
                } else {
                    chain.doFilter(req, res);
                }
            };
            a.context.addFilter(new FilterHolder(security), "/*", EnumSet.of(DispatcherType.REQUEST));
            a.servlet("/", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    if (req.getRequestURI().matches("/owners/\\d+/edit")) {
                        req.setAttribute(SPRING_PATTERN, "/owners/{ownerId}/edit");
                        res.getWriter().write("owner form");
                    } else {
                        res.sendError(404);
                    }
                }
            });
            a.servlet("/posts/naive", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    res.getWriter().write("posts");
                }
            });
            a.servlet("/api/*", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    if (req.getPathInfo() != null && req.getPathInfo().matches("/orders/\\d+")) {
                        PerfMonFilter.setRoute(req, "/api/orders/{id}");
                        res.getWriter().write("order");
                    } else {
                        res.sendError(404);
                    }
                }
            });
            a.servlet("/files/*", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    if (req.getPathInfo() != null && req.getPathInfo().matches("/\\d+")) {
                        res.getWriter().write("file");
                    } else {
                        res.sendError(404);
                    }
                }
            });
            a.servlet("/async/report", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse res) {
                    AsyncContext async = req.startAsync();
                    async.start(() -> {
                        try {
                            async.getResponse().getWriter().write("report");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                        async.complete();
                    });
                }
            });
            a.servlet("/error", new HttpServlet() {
                @Override
                protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    res.getWriter().write("error page");
                }
            });
            ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
            errors.addErrorPage(404, "/error");
            a.context.setErrorHandler(errors);
        };
    }

    @Test
    void twentyThousandUnknownPathsWithEveryMethodAndStatusLeaveNoRawPathAndEveryRealRouteItsOwnName()
            throws Exception {
        Random random = new Random(20_000);
        Set<String> tokens = new HashSet<>();
        List<HttpRequest.Builder> flood = new ArrayList<>();
        try (TestApp app = TestApp.builder().setup(application()).start()) {
            for (int i = 0; i < 20_000; i++) {
                StringBuilder path = new StringBuilder(PREFIXES[random.nextInt(PREFIXES.length)]);
                for (int s = 1 + random.nextInt(3); s > 0; s--) {
                    String token = word(random);
                    tokens.add(token);
                    path.append('/').append(token);
                }
                String method = METHODS[random.nextInt(METHODS.length)];
                HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path.toString()));
                boolean hasBody = method.equals("POST") || method.equals("PUT");
                if (hasBody && random.nextBoolean()) {
                    request.header("Content-Type", "application/x-flood");
                }
                request.method(method, HttpRequest.BodyPublishers.noBody());
                flood.add(request);
            }
            Map<Integer, Long> statuses = sendAll(flood);

            assertThat(statuses.keySet()).as("statuses the flood got").contains(200, 301, 302, 401, 403, 404, 405, 415, 501);
            assertThat(statuses.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20_000);
            assertThat(resent.get()).as("requests resent after the server closed their connection").isLessThan(20);

            List<String> realRoutes = List.of("/owners/7/edit", "/posts/naive", "/api/orders/42", "/files/2024",
                    "/async/report");
            for (String path : realRoutes) {
                assertThat(app.get(path).statusCode()).as(path).isEqualTo(200);
            }
            long sent = 20_000 + realRoutes.size();
            app.awaitCount(sent);

            for (String route : List.of("/owners/{ownerId}/edit", "/posts/naive", "/api/orders/{id}", "/files/{id}",
                    "/async/report")) {
                assertThat(app.count("uri", route, "method", "GET", "status", "200")).as(route).isEqualTo(1);
            }
            assertThat(app.count("uri", "OTHER")).isZero();

            Set<String> uris = app.requests().timers().stream().map(t -> t.getId().getTag("uri")).collect(Collectors.toSet());
            assertThat(uris).allSatisfy(uri -> assertThat(ROUTES.contains(uri) || FIXED.contains(uri))
                    .as("uri %s is a route or a fixed value", uri).isTrue());
            assertThat(app.requests().timers()).allSatisfy(t -> assertThat(t.getId().getTag("method"))
                    .isIn("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "UNKNOWN"));
            assertNoTagHoldsAPathToken(app, tokens);
            assertThat(app.meterCount(PerfMonFilter.REQUESTS_METER)).as("http.server.requests series").isLessThan(150);
            assertThat(app.meterCount(PerfMonFilter.ACTIVE_METER)).as("in-flight series").isLessThan(40);
            assertThat(app.registry.find(PerfMonFilter.ACTIVE_METER).longTaskTimers())
                    .allSatisfy(ltt -> assertThat(ltt.activeTasks()).isZero())
                    .allSatisfy(ltt -> assertThat(ROUTES.contains(ltt.getId().getTag("uri"))
                            || FIXED.contains(ltt.getId().getTag("uri"))).isTrue());
            assertThat(app.requests().timers().stream().mapToLong(Timer::count).sum()).isEqualTo(sent);
            assertThat(app.perfMon.failureCount("servlet.filter")).isZero();
            assertThat(app.perfMon.failureCount("servlet.route")).isZero();
        }
    }

    @Test
    void templatedPathsSpendTheOverflowBudgetAloneSoDeclaredRoutesNeverFold() throws Exception {
        // A prefix servlet that answers 200 to any path under it is the one case where paths
        // become values (templating): three times the cap of them fold into OTHER, and every
        // route the application names afterwards still gets its own name, counted exactly.
        Random random = new Random(3);
        try (TestApp app = TestApp.builder().setup(application().andThen(a -> a.servlet("/catalog/*",
                Servlets.text("anything")))).start()) {
            int cap = app.perfMon.config().maxTagValues();
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 3 * cap; i++) {
                paths.add("/catalog/" + word(random));
            }
            assertThat(RawHttp.pipeline(app.port(), paths)).containsOnly(200);
            app.awaitCount(paths.size());
            assertThat(app.count("uri", "OTHER")).isEqualTo(2L * cap);

            for (String path : List.of("/owners/7/edit", "/posts/naive", "/api/orders/42", "/files/1", "/async/report")) {
                assertThat(app.get(path).statusCode()).as(path).isEqualTo(200);
            }
            app.awaitCount(paths.size() + 5);
            for (String route : List.of("/owners/{ownerId}/edit", "/posts/naive", "/api/orders/{id}", "/async/report")) {
                assertThat(app.count("uri", route)).as(route).isEqualTo(1);
            }
            // A templated value of its own: the templated budget is spent, so it joins OTHER.
            assertThat(app.count("uri", "OTHER")).isEqualTo(2L * cap + 1);
        }
    }

    /** A lowercase word of 5-9 letters: nothing templating would replace, so a leak would show as itself. */
    private static String word(Random random) {
        char[] letters = new char[5 + random.nextInt(5)];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return "z" + new String(letters);
    }

    /** Sends the requests over one pooled HTTP/1.1 client, four at a time, and tallies the statuses. */
    private Map<Integer, Long> sendAll(List<HttpRequest.Builder> requests) throws Exception {
        Map<Integer, AtomicLong> tally = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                done.add(senders.submit(() -> {
                    for (int i = worker; i < requests.size(); i += 4) {
                        HttpResponse<Void> response = sendOnce(requests.get(i).timeout(Duration.ofSeconds(20)).build());
                        tally.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        tally.forEach((status, count) -> statuses.put(status, count.get()));
        return statuses;
    }

    /**
     * Sends a request, once more if the pooled connection it went out on had been closed by the
     * server before answering (the JDK client retries only GET and HEAD itself). The server never
     * read such a request, so the count asserted afterwards stays exact: a request the server did
     * read and count would show up as one request too many.
     */
    private HttpResponse<Void> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException closedBeforeAnswer) {
            if (!String.valueOf(closedBeforeAnswer.getMessage()).contains("received no bytes")) {
                throw closedBeforeAnswer;
            }
            resent.incrementAndGet();
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }

    private static void assertNoTagHoldsAPathToken(TestApp app, Set<String> tokens) {
        for (Meter meter : app.registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                for (String part : tag.getValue().split("[/ ]")) {
                    assertThat(tokens).as("%s=%s of %s", tag.getKey(), tag.getValue(), meter.getId().getName())
                            .doesNotContain(part);
                }
            }
        }
    }
}
