package dev.perfmon.core;

import dev.perfmon.testsupport.FailingRegistry;
import dev.perfmon.testsupport.LogCapture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A registry that refuses meters or throws on record costs measurements, counted; never the host. */
class RegistryFaultsTest {

    private static final String ERRORS = "perfmon.internal.errors";

    @Test
    void aRefusedMeterIsReplacedByAStandInThatCountsEveryLostRecord() throws Exception {
        FailingRegistry registry = FailingRegistry.refusingRegistration().sparing(ERRORS);
        try (PerfMon perfMon = PerfMon.builder(registry).build()) {
            ContainedMeters meters = perfMon.meters("test.meters");
            Timer timer = meters.timer(Timer.builder("test.timer"));
            Counter counter = meters.counter(Counter.builder("test.counter"));
            DistributionSummary summary = meters.summary(DistributionSummary.builder("test.summary"));
            LongTaskTimer active = meters.longTaskTimer(LongTaskTimer.builder("test.active"));
            assertThat(registry.refusedRegistrations("test.")).isEqualTo(4);

            int records = 250;
            for (int i = 0; i < records; i++) {
                timer.record(5, TimeUnit.MILLISECONDS);
                counter.increment();
                summary.record(3);
                active.start().stop();
            }
            // The application's own work handed to a stand-in still runs, its result intact.
            assertThat(timer.recordCallable(() -> "the app's value")).isEqualTo("the app's value");

            assertThat(perfMon.lostMeasurements("test.meters")).isEqualTo(4L * records + 1);
            assertThat(perfMon.failureCount("test.meters")).isEqualTo(4 + 4L * records + 1);
            assertThat(registry.get(ERRORS).tag("component", "test.meters").counter().count())
                    .isEqualTo(4 + 4.0 * records + 1);
        }
    }

    @Test
    void whenTheErrorsCounterItselfIsRefusedFailuresAreCountedInMemoryAndLoggedOnce() {
        FailingRegistry registry = FailingRegistry.refusingRegistration();
        try (LogCapture log = LogCapture.of("dev.perfmon"); PerfMon perfMon = PerfMon.builder(registry).build()) {
            Timer timer = perfMon.meters("test.meters").timer(Timer.builder("test.timer"));
            for (int i = 0; i < 1000; i++) {
                timer.record(1, TimeUnit.MILLISECONDS);
            }

            assertThat(perfMon.lostMeasurements("test.meters")).isEqualTo(1000);
            assertThat(perfMon.failureCount("test.meters")).isEqualTo(1001);
            // Once per component that failed: this one and the finding log's suppressed counter.
            assertThat(registry.refusedRegistrations(ERRORS)).isEqualTo(2);
            assertThat(log.containing("test.meters")).hasSize(1);
            assertThat(log.containing("test.meters").get(0).getMessage())
                    .contains(ERRORS + " could not be registered either")
                    .contains("PerfMon.failureCount");
        }
    }

    @Test
    void anErrorsCounterThatThrowsLeavesTheInMemoryCountExact() {
        FailingRegistry registry = FailingRegistry.failingBoth().sparing(ERRORS);
        try (PerfMon perfMon = PerfMon.builder(registry).build()) {
            Timer timer = perfMon.meters("test.meters").timer(Timer.builder("test.timer"));
            for (int i = 0; i < 300; i++) {
                timer.record(1, TimeUnit.MILLISECONDS);
            }
            assertThat(perfMon.lostMeasurements("test.meters")).isEqualTo(300);
            assertThat(perfMon.failureCount("test.meters")).isEqualTo(301);
            // The finding log's two refused counters are failures of their own component.
            assertThat(registry.failedRecords(ERRORS))
                    .isEqualTo(perfMon.failureCount("test.meters") + perfMon.failureCount("finding-log"));
        }
    }

    @Test
    void manyThreadsHittingTheSameFailureLogExactlyOneLine() throws Exception {
        int threads = 16;
        int failuresPerThread = 2000;
        FailingRegistry registry = FailingRegistry.refusingRegistration();
        try (LogCapture log = LogCapture.of("dev.perfmon"); PerfMon perfMon = PerfMon.builder(registry).build()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < failuresPerThread; i++) {
                        perfMon.recordFailure("same.failure", new IllegalStateException("broken"));
                    }
                });
                worker.start();
                workers.add(worker);
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }

            assertThat(perfMon.failureCount("same.failure")).isEqualTo((long) threads * failuresPerThread);
            assertThat(perfMon.lostMeasurements("same.failure")).isZero();
            assertThat(log.containing("same.failure")).hasSize(1);
            assertThat(log.containing("same.failure").get(0).getThrown()).hasMessage("broken");
        }
    }

    @Test
    void theBreakdownOfEveryScopeIsCountedAsLostWhenItsMetersThrowOnRecord() {
        FailingRegistry registry = FailingRegistry.throwingOnRecord().sparing(ERRORS);
        try (PerfMon perfMon = PerfMon.builder(registry).build()) {
            int scopes = 400;
            for (int i = 0; i < scopes; i++) {
                try (RequestScope scope = perfMon.openScope("GET /orders")) {
                    scope.recordSegment(Segment.DB_QUERY, 1_000_000);
                    scope.recordSegment(Segment.REDIS, 2_000_000);
                }
            }
            // Per scope: two segment timers and the statements summary (the scope touched a database).
            assertThat(registry.failedRecords("perfmon.request.")).isEqualTo(3L * scopes);
            assertThat(perfMon.lostMeasurements("breakdown")).isEqualTo(3L * scopes);
            assertThat(perfMon.failureCount("breakdown")).isEqualTo(3L * scopes);
            assertThat(perfMon.currentScope()).isNull();
        }
    }

    @Test
    void theBreakdownOfEveryScopeIsCountedAsLostWhenItsMetersAreRefused() {
        FailingRegistry registry = FailingRegistry.refusingRegistration();
        try (PerfMon perfMon = PerfMon.builder(registry).build()) {
            int scopes = 400;
            for (int i = 0; i < scopes; i++) {
                try (RequestScope scope = perfMon.openScope("GET /orders")) {
                    scope.recordSegment(Segment.REDIS, 2_000_000);
                }
            }
            // One refused timer and the route's statements summary, each cached as its stand-in:
            // no registry lookup per scope; each scope loses its segment and its statement count.
            assertThat(registry.refusedRegistrations("perfmon.request.")).isEqualTo(2);
            assertThat(perfMon.lostMeasurements("breakdown")).isEqualTo(2L * scopes);
            assertThat(perfMon.failureCount("breakdown")).isEqualTo(2 + 2L * scopes);
        }
    }

    @Test
    void bindJvmMetricsNeverThrowsAndCountsEachBinderTheRegistryRefuses() {
        FailingRegistry registry = FailingRegistry.refusingRegistration();
        try (LogCapture log = LogCapture.of("dev.perfmon"); PerfMon perfMon = PerfMon.builder(registry).build()) {
            assertThat(perfMon.bindJvmMetrics()).isSameAs(perfMon);
            // Seven binders, each stopped by its first refused meter.
            assertThat(perfMon.failureCount("jvm-metrics")).isEqualTo(7);
            assertThat(registry.refusedRegistrations("jvm.") + registry.refusedRegistrations("process.")
                    + registry.refusedRegistrations("system.")).isEqualTo(7);
            assertThat(log.containing("jvm-metrics")).hasSize(1);
        }
    }

    @Test
    void bindJvmMetricsBindsWhatTheRegistryAcceptsWhenOnlySomeBindersFail() {
        FailingRegistry registry = FailingRegistry.refusingRegistration().sparing("jvm.", ERRORS);
        try (PerfMon perfMon = PerfMon.builder(registry).build()) {
            perfMon.bindJvmMetrics();
            assertThat(registry.find("jvm.threads.live").gauge()).isNotNull();
            assertThat(registry.find("jvm.memory.used").gauges()).isNotEmpty();
            assertThat(perfMon.failureCount("jvm-metrics") + perfMon.failureCount("finding-log"))
                    .isEqualTo(registry.refusedRegistrations());
            assertThat(perfMon.failureCount("jvm-metrics")).isPositive();
        }
    }
}
