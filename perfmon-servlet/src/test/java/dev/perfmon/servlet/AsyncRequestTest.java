package dev.perfmon.servlet;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.testsupport.Await;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncRequestTest {

    private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(4);

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void anAsyncRequestIsTimedUntilItCompletesOnAnotherThreadWithoutRedispatch() throws Exception {
        AtomicReference<RequestScope> scopeOnWorker = new AtomicReference<>();
        try (TestApp app = TestApp.start(a -> a.servlet("/async/*", Servlets.of((req, res) -> {
            AsyncContext async = req.startAsync();
            RequestScope scope = PerfMonFilter.scope(req);
            workers.schedule(() -> {
                try {
                    scopeOnWorker.set(scope);
                    scope.recordSegment(Segment.DB_QUERY, 7_000_000);
                    async.getResponse().getWriter().write("done");
                    async.complete();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 60, TimeUnit.MILLISECONDS);
        })))) {
            HttpResponse<String> response = app.get("/async/5");
            assertThat(response.body()).isEqualTo("done");
            app.awaitCount(1, "uri", "/async/{id}", "status", "200");
            Timer timer = app.timer("uri", "/async/{id}");
            assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(60);
            assertThat(scopeOnWorker.get()).isNotNull();
            Timer query = Await.value("segment", () -> app.registry.find("perfmon.request.segment")
                    .tags("uri", "/async/{id}", "segment", "db.query").timer());
            assertThat(query.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(7_000_000);
        }
    }

    @Test
    void theScopeIsBoundDuringTheAsyncRedispatchAndInAsyncContextStart() throws Exception {
        AtomicReference<RequestScope> onRequestThread = new AtomicReference<>();
        AtomicReference<RequestScope> inStart = new AtomicReference<>();
        AtomicReference<RequestScope> inRedispatch = new AtomicReference<>();
        try (TestApp app = TestApp.start(a -> a.servlet("/work", Servlets.of((req, res) -> {
            if (req.getDispatcherType() == DispatcherType.ASYNC) {
                inRedispatch.set(a.perfMon.currentScope());
                a.perfMon.recordSegment(Segment.REDIS, 2_000_000);
                res.getWriter().write("redispatched");
                return;
            }
            onRequestThread.set(a.perfMon.currentScope());
            AsyncContext async = req.startAsync();
            async.start(() -> {
                inStart.set(a.perfMon.currentScope());
                a.perfMon.recordSegment(Segment.DB_POOL, 1_000_000);
                async.dispatch();
            });
        })))) {
            assertThat(app.get("/work").body()).isEqualTo("redispatched");
            app.awaitCount(1, "uri", "/work", "status", "200");
            assertThat(onRequestThread.get()).isNotNull();
            assertThat(inStart.get()).isSameAs(onRequestThread.get());
            assertThat(inRedispatch.get()).isSameAs(onRequestThread.get());
            assertThat(app.registry.find("perfmon.request.segment").tags("uri", "/work", "segment", "db.pool")
                    .timer().count()).isEqualTo(1);
            assertThat(app.registry.find("perfmon.request.segment").tags("uri", "/work", "segment", "redis")
                    .timer().count()).isEqualTo(1);
        }
    }

    @Test
    void aNestedStartAsyncKeepsTimingUntilTheLastCycleCompletes() throws Exception {
        try (TestApp app = TestApp.start(a -> a.servlet("/nested", Servlets.of((req, res) -> {
            if (req.getDispatcherType() == DispatcherType.REQUEST) {
                AsyncContext first = req.startAsync();
                workers.schedule((Runnable) first::dispatch, 30, TimeUnit.MILLISECONDS);
            } else {
                AsyncContext second = req.startAsync();
                workers.schedule(() -> {
                    try {
                        second.getResponse().getWriter().write("second cycle");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    second.complete();
                }, 30, TimeUnit.MILLISECONDS);
            }
        })))) {
            assertThat(app.get("/nested").body()).isEqualTo("second cycle");
            app.awaitCount(1, "uri", "/nested", "status", "200");
            assertThat(app.timer("uri", "/nested").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(60);
            Thread.sleep(50);
            assertThat(app.count()).isEqualTo(1);
        }
    }

    @Test
    void anAsyncTimeoutIsRecordedWithTheStatusTheContainerAnswers() throws Exception {
        try (TestApp app = TestApp.start(a -> a.servlet("/hang", Servlets.of((req, res) -> {
            AsyncContext async = req.startAsync();
            async.setTimeout(100);
        })))) {
            HttpResponse<String> response = app.get("/hang");
            assertThat(response.statusCode()).isEqualTo(500);
            app.awaitCount(1, "uri", "/hang", "status", "500", "outcome", "SERVER_ERROR");
            assertThat(app.timer("uri", "/hang").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void anExceptionDuringAnAsyncCycleIsRecordedOnceAs500WithItsClass() throws Exception {
        try (TestApp app = TestApp.start(a -> a
                .servlet("/throw-after-start", Servlets.of((req, res) -> {
                    req.startAsync();
                    throw new IllegalStateException("after startAsync");
                }))
                .servlet("/throw-on-redispatch", Servlets.of((req, res) -> {
                    if (req.getDispatcherType() == DispatcherType.ASYNC) {
                        throw new UnsupportedOperationException("in redispatch");
                    }
                    AsyncContext async = req.startAsync();
                    workers.execute(async::dispatch);
                })))) {
            assertThat(app.get("/throw-after-start").statusCode()).isEqualTo(500);
            assertThat(app.get("/throw-on-redispatch").statusCode()).isEqualTo(500);
            app.awaitCount(1, "uri", "/throw-after-start", "status", "500", "exception", "IllegalStateException");
            app.awaitCount(1, "uri", "/throw-on-redispatch", "status", "500", "exception", "UnsupportedOperationException");
            Thread.sleep(50);
            assertThat(app.count()).isEqualTo(2);
        }
    }

    @Test
    void completingInsideTheOriginalDispatchCountsOnce() throws Exception {
        try (TestApp app = TestApp.start(a -> a.servlet("/quick", Servlets.of((req, res) -> {
            AsyncContext async = req.startAsync();
            res.getWriter().write("quick");
            async.complete();
        })))) {
            assertThat(app.get("/quick").body()).isEqualTo("quick");
            app.awaitCount(1, "uri", "/quick", "status", "200");
            Thread.sleep(50);
            assertThat(app.count()).isEqualTo(1);
        }
    }

    @Test
    void aContainerThreadDoesNotCarryAnAsyncRequestsScopeIntoLaterWork() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        List<AsyncContext> held = new ArrayList<>();
        List<Object> leaked = new ArrayList<>();
        HttpMetricsConfig config = HttpMetricsConfig.builder().excludePathPrefixes("/probe").build();
        try (TestApp app = TestApp.builder().config(config).maxThreads(10).setup(a -> a
                .servlet("/hold/*", Servlets.of((req, res) -> {
                    synchronized (held) {
                        held.add(req.startAsync());
                        if (held.size() == 8) {
                            holding.countDown();
                        }
                    }
                }))
                .servlet("/probe", Servlets.of((req, res) -> {
                    Object current = a.perfMon.currentScope();
                    if (current != null) {
                        synchronized (leaked) {
                            leaked.add(current);
                        }
                    }
                }))).start()) {
            List<CompletableFuture<HttpResponse<Void>>> pending = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                pending.add(TestApp.HTTP.sendAsync(HttpRequest.newBuilder(app.uri("/hold/" + i)).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 40; i++) {
                app.get("/probe");
            }
            assertThat(leaked).isEmpty();
            synchronized (held) {
                held.forEach(AsyncContext::complete);
            }
            for (CompletableFuture<HttpResponse<Void>> future : pending) {
                assertThat(future.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            app.awaitCount(8, "uri", "/hold/{id}");
        }
    }

    @Test
    void concurrentAsyncRequestsAreCountedExactly() throws Exception {
        ExecutorService completer = Executors.newFixedThreadPool(8);
        int requests = 300;
        try (TestApp app = TestApp.start(a -> a.servlet("/c/*", Servlets.of((req, res) -> {
            AsyncContext async = req.startAsync();
            completer.execute(() -> {
                a.perfMon.recordSegment(Segment.REDIS, 1_000);
                if (req.getRequestURI().hashCode() % 2 == 0) {
                    ((jakarta.servlet.http.HttpServletResponse) async.getResponse()).setStatus(201);
                }
                async.complete();
            });
        })))) {
            List<CompletableFuture<HttpResponse<Void>>> pending = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                pending.add(TestApp.HTTP.sendAsync(HttpRequest.newBuilder(app.uri("/c/" + i)).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            long created = 0;
            for (CompletableFuture<HttpResponse<Void>> future : pending) {
                if (future.get(20, TimeUnit.SECONDS).statusCode() == 201) {
                    created++;
                }
            }
            app.awaitCount(requests, "uri", "/c/{id}");
            assertThat(app.count("uri", "/c/{id}", "status", "201")).isEqualTo(created);
            assertThat(app.registry.find(PerfMonFilter.ACTIVE_METER).longTaskTimer().activeTasks()).isZero();
        } finally {
            completer.shutdownNow();
        }
    }
}
