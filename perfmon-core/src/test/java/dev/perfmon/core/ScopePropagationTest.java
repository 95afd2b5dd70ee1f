package dev.perfmon.core;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ScopePropagationTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        perfMon.close();
    }

    @Test
    void aWrappedRunnableRunsWithTheScopeAndLeavesThePoolThreadClean() throws Exception {
        try (RequestScope scope = perfMon.openScope("GET /posts")) {
            pool.submit(perfMon.wrap((Runnable) () -> perfMon.increment(ScopeCounter.STATEMENTS))).get();
            assertThat(scope.counter(ScopeCounter.STATEMENTS)).isEqualTo(1);
        }
        assertThat(pool.submit(() -> perfMon.currentScope()).get()).isNull();
    }

    @Test
    void aWrappedCallableSeesTheScope() throws Exception {
        try (RequestScope scope = perfMon.openScope("GET /posts")) {
            Callable<RequestScope> seen = perfMon.wrap((Callable<RequestScope>) () -> perfMon.currentScope());
            assertThat(pool.submit(seen).get()).isSameAs(scope);
        }
    }

    @Test
    void aWrappedExecutorServiceCarriesTheSubmittersScopeIntoEveryKindOfSubmission() throws Exception {
        ExecutorService scoped = perfMon.wrap(pool);
        try (RequestScope scope = perfMon.openScope("GET /feed")) {
            scoped.execute(() -> perfMon.increment(ScopeCounter.STATEMENTS));
            scoped.submit(() -> perfMon.increment(ScopeCounter.STATEMENTS)).get();
            scoped.submit(() -> perfMon.increment(ScopeCounter.STATEMENTS), "done").get();
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tasks.add(() -> {
                    perfMon.increment(ScopeCounter.STATEMENTS);
                    return 1;
                });
            }
            for (Future<Integer> f : scoped.invokeAll(tasks)) {
                f.get();
            }
            awaitCounter(scope, ScopeCounter.STATEMENTS, 6);
            // invokeAny returns the first success; the task that answered ran in the scope.
            assertThat(scoped.invokeAny(List.<Callable<String>>of(() -> {
                perfMon.increment(ScopeCounter.CACHE_HITS);
                return perfMon.currentScope() == scope ? "in scope" : "outside";
            }))).isEqualTo("in scope");
            assertThat(scope.counter(ScopeCounter.CACHE_HITS)).isEqualTo(1);
        }
    }

    @Test
    void completableFutureHopsKeepTheScopeThroughEveryStage() throws Exception {
        try (RequestScope scope = perfMon.openScope("GET /dashboard")) {
            String route = CompletableFuture
                    .supplyAsync(perfMon.wrapSupplier(() -> {
                        perfMon.recordSegment(Segment.DB_QUERY, 1_000);
                        return "a";
                    }), perfMon.wrap((java.util.concurrent.Executor) pool))
                    .thenApplyAsync(x -> {
                        perfMon.recordSegment(Segment.REDIS, 2_000);
                        return perfMon.currentScope().route();
                    }, perfMon.wrap((java.util.concurrent.Executor) pool))
                    .get(5, TimeUnit.SECONDS);
            assertThat(route).isEqualTo("GET /dashboard");
            assertThat(scope.segmentNanos(Segment.DB_QUERY)).isEqualTo(1_000);
            assertThat(scope.segmentNanos(Segment.REDIS)).isEqualTo(2_000);
        }
    }

    @Test
    void manyThreadsContributingThroughHopsKeepExactCounts() throws Exception {
        int threads = 8;
        int perThread = 10_000;
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try (RequestScope scope = perfMon.openScope("POST /import")) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(workers.submit(scope.wrap((Runnable) () -> {
                    await(start);
                    for (int i = 0; i < perThread; i++) {
                        perfMon.increment(ScopeCounter.STATEMENTS);
                        perfMon.recordSegment(Segment.DB_QUERY, 3);
                        perfMon.recordSegment(Segment.of("worker." + (i % 4)), 1);
                    }
                })));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            long total = (long) threads * perThread;
            assertThat(scope.counter(ScopeCounter.STATEMENTS)).isEqualTo(total);
            assertThat(scope.segmentCount(Segment.DB_QUERY)).isEqualTo(total);
            assertThat(scope.segmentNanos(Segment.DB_QUERY)).isEqualTo(3 * total);
            long workerNanos = 0;
            for (int i = 0; i < 4; i++) {
                workerNanos += scope.segmentNanos(Segment.of("worker." + i));
            }
            assertThat(workerNanos).isEqualTo(total);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void micrometerContextPropagationCarriesTheScope() throws Exception {
        ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
        try (RequestScope scope = perfMon.openScope("GET /reactive")) {
            Runnable task = snapshots.captureAll().wrap(() -> perfMon.increment(ScopeCounter.CACHE_HITS));
            pool.submit(task).get();
            assertThat(scope.counter(ScopeCounter.CACHE_HITS)).isEqualTo(1);
        }
        assertThat(pool.submit(() -> perfMon.currentScope()).get()).isNull();
        ContextSnapshot empty = snapshots.captureAll();
        assertThat(pool.submit(empty.wrap(() -> perfMon.currentScope())).get()).isNull();
    }

    @Test
    void theScopeOfOneInstanceIsInvisibleToAnotherThroughContextPropagation() throws Exception {
        try (PerfMon other = PerfMon.builder(new SimpleMeterRegistry()).build();
             RequestScope ignored = perfMon.openScope("mine")) {
            Callable<RequestScope> seenByOther = ContextSnapshotFactory.builder().build().captureAll()
                    .wrap(other::currentScope);
            assertThat(pool.submit(seenByOther).get()).isNull();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitCounter(RequestScope scope, ScopeCounter counter, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (scope.counter(counter) < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(scope.counter(counter)).isEqualTo(expected);
    }
}
