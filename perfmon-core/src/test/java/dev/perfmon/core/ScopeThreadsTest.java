package dev.perfmon.core;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope state kept per thread as threads come and go, as with a thread per request: the
 * states of ended threads are forgotten in batches (a scan on every new thread would make each
 * request pay for every request in flight), what is kept stays bounded by the threads alive,
 * every request in flight on a live thread stays listed, and the spare scope an ended thread kept
 * serves a new thread's first scope, empty, while a live thread's spare stays its own.
 */
class ScopeThreadsTest {

    private static final int PRUNE = ScopeThreads.MIN_PRUNE_INTERVAL;

    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final List<Thread> holders = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        for (Thread holder : holders) {
            holder.join(10_000);
        }
        perfMon.close();
    }

    @Test
    void aThousandShortLivedThreadsLeaveNoMoreStatesThanOnePruneInterval() throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            scopeOnThreadThatEnds("GET /short");
        }

        assertThat(perfMon.scopeThreads().size()).isBetween(1, PRUNE);
    }

    @Test
    void requestsInFlightOnLiveThreadsStayListedWhileEndedThreadsArePruned() throws InterruptedException {
        holdScopesOnLiveThreads(100, "GET /held");

        for (int i = 0; i < 1_000; i++) {
            scopeOnThreadThatEnds("GET /short");
        }

        assertThat(perfMon.inFlight()).hasSize(100).allMatch(request -> request.route().equals("GET /held"));
        // The 100 live ones, the one alive beside them at the last prune, and ended ones since: at
        // most one interval, which is the 101 alive at that prune.
        assertThat(perfMon.scopeThreads().size()).isBetween(100, 100 + 1 + 100);

        release.countDown();
        for (Thread holder : holders) {
            holder.join(10_000);
        }
        for (int i = 0; i < 2 * 100; i++) {
            scopeOnThreadThatEnds("GET /short");
        }

        assertThat(perfMon.inFlight()).isEmpty();
        assertThat(perfMon.scopeThreads().size()).isBetween(1, PRUNE);
    }

    @Test
    void aThreadThatEndedWithItsScopeStillOpenIsNotListedAsInFlight() throws InterruptedException {
        Thread leaking = new Thread(() -> perfMon.openScope("GET /leaked"));
        leaking.start();
        leaking.join();

        assertThat(perfMon.inFlight()).isEmpty();
    }

    @Test
    void newThreadsOpenTheSpareScopesOfThreadsThatEndedEachStartingEmpty() throws InterruptedException {
        Set<RequestScope> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> notEmpty = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 500; i++) {
            String route = "GET /orders/" + i;
            runOnThreadThatEnds(() -> {
                try (RequestScope scope = perfMon.openScope(route)) {
                    distinct.add(scope);
                    if (scope.segmentNanos(Segment.DB_QUERY) != 0 || scope.counter(ScopeCounter.STATEMENTS) != 0
                            || !scope.route().equals(route)) {
                        notEmpty.add(route + ": " + scope.segmentNanos(Segment.DB_QUERY) + " ns, "
                                + scope.counter(ScopeCounter.STATEMENTS) + " statements, " + scope.route());
                    }
                    scope.recordSegment(Segment.DB_QUERY, 1_000);
                    scope.increment(ScopeCounter.STATEMENTS);
                    scope.route("GET /orders/{id}");
                }
            });
        }

        assertThat(notEmpty).isEmpty();
        // The first interval's threads make theirs; from its end on, new threads reuse them.
        assertThat(distinct).hasSizeLessThanOrEqualTo(PRUNE);
    }

    @Test
    void theSpareScopeOfAThreadStillAliveIsNeverHandedToAnother() throws InterruptedException {
        AtomicReference<RequestScope> kept = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        Thread alive = new Thread(() -> {
            try (RequestScope scope = perfMon.openScope("GET /held")) {
                kept.set(scope);
            }
            closed.countDown();
            awaitRelease();
        });
        alive.start();
        holders.add(alive);
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();

        Set<RequestScope> opened = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 3 * PRUNE; i++) {
            runOnThreadThatEnds(() -> {
                try (RequestScope scope = perfMon.openScope("GET /short")) {
                    opened.add(scope);
                }
            });
        }

        assertThat(opened).doesNotContain(kept.get());
        assertThat(perfMon.scopeThreads().sparesKept()).isBetween(1, SpareScopes.CAPACITY);
    }

    @Test
    void aPruneDueWhileAnotherRunsIsLeftForLaterSoNoEndedThreadIsHandledTwice() throws InterruptedException {
        ReentrantLock pruning = perfMon.scopeThreads().pruneLock();
        pruning.lock(); // a prune in progress on this thread
        try {
            for (int i = 0; i < 3 * PRUNE; i++) {
                scopeOnThreadThatEnds("GET /short");
            }

            assertThat(perfMon.scopeThreads().size()).isEqualTo(3 * PRUNE);
            assertThat(perfMon.scopeThreads().sparesKept()).isZero();
        } finally {
            pruning.unlock();
        }

        scopeOnThreadThatEnds("GET /short");

        // The next registration prunes: all ended threads but the one registering are gone, and their
        // spares are handed on once each, as many as the next interval's threads can use (one taken).
        assertThat(perfMon.scopeThreads().size()).isEqualTo(1);
        assertThat(perfMon.scopeThreads().sparesKept()).isEqualTo(PRUNE - 1);
    }

    private void scopeOnThreadThatEnds(String route) throws InterruptedException {
        runOnThreadThatEnds(() -> {
            try (RequestScope scope = perfMon.openScope(route)) {
                scope.increment(ScopeCounter.STATEMENTS);
            }
        });
    }

    private static void runOnThreadThatEnds(Runnable work) throws InterruptedException {
        Thread thread = new Thread(work);
        thread.start();
        thread.join();
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void holdScopesOnLiveThreads(int count, String route) throws InterruptedException {
        CountDownLatch opened = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Thread holder = new Thread(() -> {
                try (RequestScope scope = perfMon.openScope(route)) {
                    opened.countDown();
                    awaitRelease();
                }
            });
            holder.start();
            holders.add(holder);
        }
        assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
