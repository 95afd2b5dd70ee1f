package dev.perfmon.core;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pool threads outlive the instances that used them (a redeployed web application, a test
 * suite building one instance per test): the per-thread state an instance leaves behind must
 * not keep the instance, or its registry, reachable.
 */
class InstanceReleaseTest {

    @Test
    void aClosedInstanceIsNotKeptAliveByThePoolThreadThatOpenedItsScopes() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            WeakReference<PerfMon> released = useAndClose(pool);
            // The pool thread is still alive and still holds its thread-local entry.
            pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (released.get() != null && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(released.get()).as("instance still reachable after close").isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    private static WeakReference<PerfMon> useAndClose(ExecutorService pool) throws Exception {
        PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build())
                .build();
        pool.submit(() -> {
            for (int i = 0; i < 3; i++) {
                try (RequestScope scope = perfMon.openScope("job")) {
                    scope.recordSegment(Segment.DB_QUERY, 1_000);
                }
            }
        }).get(10, TimeUnit.SECONDS);
        perfMon.close();
        return new WeakReference<>(perfMon);
    }

    @Test
    void aScopeUsedAfterItWasReusedFailsClearlyInsteadOfJoiningAnotherRequest() {
        try (PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build()) {
            RequestScope stale = perfMon.openScope("GET /a");
            stale.close();
            org.assertj.core.api.Assertions.assertThatThrownBy(stale::activate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("retain()");
        }
    }
}
