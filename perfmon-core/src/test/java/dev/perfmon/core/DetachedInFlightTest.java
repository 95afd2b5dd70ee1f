package dev.perfmon.core;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Scopes detached from every thread (asynchronous requests between dispatches) in the in-flight view. */
class DetachedInFlightTest {

    private final MockClock clock = new MockClock();
    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock))
            .clock(clock).config(PerfMonConfig.builder().logFindings(false).build()).build();

    @AfterEach
    void close() {
        perfMon.close();
    }

    @Test
    void aDetachedScopeIsListedOnNoThreadWithItsRouteAndAgeUntilItCloses() {
        RequestScope scope = perfMon.openScope("GET /async/report");
        assertThat(scope.detach()).isTrue();
        clock.add(250, TimeUnit.MILLISECONDS);

        assertThat(perfMon.inFlight()).containsExactly(new InFlightRequest("GET /async/report",
                TimeUnit.MILLISECONDS.toNanos(250), null, null, null, 0, InFlightRequest.State.DETACHED));
        assertThat(InFlightRequest.State.DETACHED.label()).isEqualTo("async (between dispatches)");

        scope.close();
        assertThat(perfMon.inFlight()).isEmpty();
        assertThat(perfMon.detachedScopes().size()).isZero();
    }

    @Test
    void aDetachedScopeActivatedOnAnotherThreadIsListedOnceAsRunningThere() throws Exception {
        RequestScope scope = perfMon.openScope("GET /async/report");
        scope.detach();
        CountDownLatch bound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> new Thread(r, "async-dispatch"));
        try {
            Future<?> dispatch = dispatcher.submit(scope.wrap(() -> {
                bound.countDown();
                await(release);
            }));
            assertThat(bound.await(10, TimeUnit.SECONDS)).isTrue();
            List<InFlightRequest> running = perfMon.inFlight();
            assertThat(running).hasSize(1);
            assertThat(running.get(0).threadName()).isEqualTo("async-dispatch");
            assertThat(running.get(0).state()).isEqualTo(InFlightRequest.State.RUNNING);

            release.countDown();
            dispatch.get(10, TimeUnit.SECONDS);
            assertThat(perfMon.inFlight()).extracting(InFlightRequest::state).containsExactly(InFlightRequest.State.DETACHED);
        } finally {
            dispatcher.shutdownNow();
        }
        scope.close();
        assertThat(perfMon.inFlight()).isEmpty();
    }

    @Test
    void detachedScopesNeverClosedStayWithinTheBoundNewestListedAndTheDroppedOnesAreNotRetained() {
        WeakReference<RequestScope> first = detachedAndForgotten("GET /leaked/first");
        int extra = 100;
        for (int i = 0; i < DetachedScopes.CAPACITY + extra - 1; i++) {
            clock.add(1, TimeUnit.MILLISECONDS);
            perfMon.openScope("GET /leaked/" + i).detach();
        }

        List<InFlightRequest> listed = perfMon.inFlight();
        assertThat(listed).hasSize(DetachedScopes.CAPACITY)
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(InFlightRequest.State.DETACHED));
        assertThat(listed.get(listed.size() - 1).route()).as("newest last: longest running first").isEqualTo(
                "GET /leaked/" + (DetachedScopes.CAPACITY + extra - 2));
        assertThat(listed.get(0).route()).isEqualTo("GET /leaked/" + (extra - 1));
        assertThat(perfMon.detachedScopes().size()).isEqualTo(DetachedScopes.CAPACITY);
        assertThat(perfMon.detachedScopes().dropped()).isEqualTo(extra);

        for (int attempt = 0; attempt < 50 && first.get() != null; attempt++) {
            System.gc();
            sleep(20);
        }
        assertThat(first.get()).as("a dropped scope no longer referenced by perfmon").isNull();
    }

    @Test
    void aScopeClosedBeforeItsDispatchEndsIsNotListed() throws Exception {
        RequestScope scope = perfMon.openScope("GET /async/fast").retain();
        ExecutorService completer = Executors.newSingleThreadExecutor();
        try {
            completer.submit(scope::close).get(10, TimeUnit.SECONDS);
        } finally {
            completer.shutdownNow();
        }
        scope.detach();
        assertThat(perfMon.inFlight()).isEmpty();
        assertThat(perfMon.detachedScopes().size()).isZero();
    }

    private WeakReference<RequestScope> detachedAndForgotten(String route) {
        RequestScope scope = perfMon.openScope(route);
        scope.detach();
        return new WeakReference<>(scope);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
