package dev.perfmon.core;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.Severity;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSamplesTest {

    private static final String SELECT = "select * from orders where customer_id = ?";
    private static final String UPDATE = "update stock set qty = qty - ? where sku = ?";

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    private PerfMon perfMon(RequestSampling sampling) {
        return PerfMon.builder(registry)
                .config(PerfMonConfig.builder().logFindings(false).latencySlo(Duration.ofMillis(400)).build())
                .requestSampling(sampling)
                .build();
    }

    /** A request that waits for a connection, runs two statements and takes {@code millis} in all. */
    private void request(PerfMon perfMon, String route, long millis, int status) {
        try (RequestScope scope = perfMon.openScope(route)) {
            step(scope, Segment.DB_POOL, null, 30);
            step(scope, Segment.DB_QUERY, SELECT, 12);
            step(scope, Segment.DB_QUERY, UPDATE, 5);
            clock.add(Math.max(0, millis - 47), TimeUnit.MILLISECONDS);
            scope.outcome(status, null);
        }
    }

    private void step(RequestScope scope, Segment kind, String label, long millis) {
        long start = clock.monotonicTime();
        scope.enter(kind, label, start);
        clock.add(millis, TimeUnit.MILLISECONDS);
        scope.recordSegment(kind, clock.monotonicTime() - start);
        scope.timeline(kind, label, start, clock.monotonicTime() - start);
    }

    @Test
    void aRequestOverTheLatencyObjectiveIsKeptWithItsTimelineInOrder() {
        try (PerfMon perfMon = perfMon(RequestSampling.builder().every(0).build())) {
            long startedAt = clock.wallTime();
            request(perfMon, "GET /reports/slow", 900, 200);
            request(perfMon, "GET /reports/fast", 40, 200);

            List<RequestSample> samples = perfMon.requestSamples().samples();
            assertThat(samples).hasSize(1);
            RequestSample slow = samples.get(0);
            assertThat(slow.route()).isEqualTo("GET /reports/slow");
            assertThat(slow.reason()).isEqualTo(RequestSample.Reason.SLOW);
            assertThat(slow.durationNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
            assertThat(slow.status()).isEqualTo(200);
            assertThat(slow.threadName()).isEqualTo(Thread.currentThread().getName());
            assertThat(slow.timeline()).containsExactly(
                    new TimelineEntry("db.pool", null, 0, TimeUnit.MILLISECONDS.toNanos(30)),
                    new TimelineEntry("db.query", SELECT, TimeUnit.MILLISECONDS.toNanos(30), TimeUnit.MILLISECONDS.toNanos(12)),
                    new TimelineEntry("db.query", UPDATE, TimeUnit.MILLISECONDS.toNanos(42), TimeUnit.MILLISECONDS.toNanos(5)));
            assertThat(slow.nanosIn("db.pool")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
            assertThat(slow.startEpochMillis()).isEqualTo(startedAt);
        }
    }

    @Test
    void failedRequestsAreKeptWhateverTheirDuration() {
        try (PerfMon perfMon = perfMon(RequestSampling.builder().every(0).build())) {
            request(perfMon, "GET /orders", 20, 503);
            try (RequestScope scope = perfMon.openScope("POST /orders")) {
                clock.add(5, TimeUnit.MILLISECONDS);
                scope.outcome(500, new IllegalStateException("stock is negative"));
            }

            List<RequestSample> samples = perfMon.requestSamples().samples();
            assertThat(samples).extracting(RequestSample::route).containsExactly("GET /orders", "POST /orders");
            assertThat(samples).extracting(RequestSample::reason).containsOnly(RequestSample.Reason.FAILED);
            assertThat(samples.get(1).exception()).isEqualTo("IllegalStateException");
            assertThat(samples.get(1).toString()).doesNotContain("stock is negative");
        }
    }

    @Test
    void oneInEveryNormalRequestsIsKept() {
        try (PerfMon perfMon = perfMon(RequestSampling.builder().every(10).perRoute(50).build())) {
            for (int i = 0; i < 100; i++) {
                request(perfMon, "GET /posts/{id}", 50, 200);
            }
            RequestSamples samples = perfMon.requestSamples();
            assertThat(samples.size()).isEqualTo(10);
            assertThat(samples.samples()).extracting(RequestSample::reason).containsOnly(RequestSample.Reason.SAMPLED);
        }
    }

    @Test
    void eachRouteKeepsItsNewestSamplesUpToItsBound() {
        try (PerfMon perfMon = perfMon(RequestSampling.builder().every(0).perRoute(5).build())) {
            for (int i = 1; i <= 20; i++) {
                request(perfMon, "GET /reports/slow", 400 + i, 200);
            }
            request(perfMon, "GET /orders", 700, 200);

            RequestSamples samples = perfMon.requestSamples();
            assertThat(samples.forRoute("GET /reports/slow")).extracting(s -> s.durationNanos() / 1_000_000)
                    .containsExactly(416L, 417L, 418L, 419L, 420L);
            assertThat(samples.forRoute("GET /orders")).hasSize(1);
            assertThat(samples.evicted()).isEqualTo(15);
        }
    }

    @Test
    void aFloodOfSlowRequestsStaysWithinTheMemoryBudgetAndKeepsOtherRoutesSamples() {
        long budget = 64 * 1024;
        try (PerfMon perfMon = perfMon(RequestSampling.builder().every(0).perRoute(1000).memoryBudgetBytes(budget).build())) {
            request(perfMon, "GET /orders", 800, 200);
            request(perfMon, "GET /customers", 800, 200);
            for (int i = 0; i < 5_000; i++) {
                try (RequestScope scope = perfMon.openScope("GET /reports/slow")) {
                    for (int s = 0; s < 70; s++) {
                        step(scope, Segment.DB_QUERY, SELECT, 1);
                    }
                    clock.add(500, TimeUnit.MILLISECONDS);
                }
            }

            RequestSamples samples = perfMon.requestSamples();
            assertThat(samples.retainedBytes()).isLessThanOrEqualTo(budget).isGreaterThan(budget / 2);
            assertThat(samples.routes()).contains("GET /orders", "GET /customers", "GET /reports/slow");
            RequestSample flooded = samples.forRoute("GET /reports/slow").get(0);
            assertThat(flooded.timeline()).hasSize(RequestSampling.TIMELINE_ENTRIES);
            assertThat(flooded.droppedEntries()).isEqualTo(70 - RequestSampling.TIMELINE_ENTRIES);
            assertThat(samples.evicted()).isEqualTo(5_002 - samples.size());
            long sum = samples.samples().stream().mapToLong(RequestSample::estimatedBytes).sum();
            assertThat(samples.retainedBytes()).isEqualTo(sum);
        }
    }

    @Test
    void theSizeEstimateIsDeterministicAndGrowsWithTheTimeline() {
        try (PerfMon perfMon = perfMon(RequestSampling.builder().every(0).build())) {
            request(perfMon, "GET /reports/slow", 900, 200);
            request(perfMon, "GET /reports/slow", 900, 200);
            try (RequestScope scope = perfMon.openScope("GET /reports/slow")) {
                clock.add(900, TimeUnit.MILLISECONDS);
            }
            List<RequestSample> samples = perfMon.requestSamples().samples();
            assertThat(samples.get(0).estimatedBytes()).isEqualTo(samples.get(1).estimatedBytes());
            assertThat(samples.get(0).estimatedBytes() - samples.get(2).estimatedBytes())
                    .isEqualTo(3 * 48 + (40 + 2 * SELECT.length()) + (40 + 2 * UPDATE.length()));
        }
    }

    @Test
    void findingsPublishedWhileTheRequestClosesAreNotedOnItsSample() {
        try (PerfMon perfMon = perfMon(RequestSampling.builder().every(0).build())) {
            perfMon.addListener(event -> { });
            perfMon.addScopeHook(scope -> perfMon.publish(new Finding(scope.route())));
            request(perfMon, "GET /orders", 900, 200);

            assertThat(perfMon.requestSamples().samples().get(0).findings())
                    .containsExactly("nplusone: 12 x select * from items where order_id = ? on GET /orders");
        }
    }

    @Test
    void theTraceIdComesFromTheHookAndAFailingHookCostsOnlyTheId() {
        try (PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build())
                .requestSampling(RequestSampling.builder().every(1).build()).traceIds(() -> "4bf92f3577b34da6").build()) {
            request(perfMon, "GET /orders", 10, 200);
            assertThat(perfMon.requestSamples().samples().get(0).traceId()).isEqualTo("4bf92f3577b34da6");
        }
        try (PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build())
                .requestSampling(RequestSampling.builder().every(1).build()).traceIds(() -> {
                    throw new IllegalStateException("no tracer");
                }).build()) {
            request(perfMon, "GET /orders", 10, 200);
            assertThat(perfMon.requestSamples().samples().get(0).traceId()).isNull();
            assertThat(perfMon.failureCount("trace-id")).isEqualTo(1);
        }
    }

    @Test
    void stepsRecordedOnAnotherThreadOfTheRequestJoinItsTimeline() throws Exception {
        try (PerfMon perfMon = perfMon(RequestSampling.builder().every(1).build())) {
            try (RequestScope scope = perfMon.openScope("GET /orders")) {
                Thread helper = new Thread(scope.wrap(() -> {
                    for (int i = 0; i < 20; i++) {
                        perfMon.currentScope().timeline(Segment.REDIS, "get", clock.monotonicTime(), 1_000);
                    }
                }));
                helper.start();
                for (int i = 0; i < 20; i++) {
                    scope.timeline(Segment.DB_QUERY, SELECT, clock.monotonicTime(), 2_000);
                }
                helper.join(10_000);
            }
            RequestSample sample = perfMon.requestSamples().samples().get(0);
            assertThat(sample.timeline()).hasSize(40);
            assertThat(sample.nanosIn("redis")).isEqualTo(20_000);
            assertThat(sample.nanosIn("db.query")).isEqualTo(40_000);
        }
    }

    @Test
    void withSamplingOffNothingIsKept() {
        try (PerfMon perfMon = perfMon(RequestSampling.off())) {
            request(perfMon, "GET /reports/slow", 900, 500);
            assertThat(perfMon.requestSamples().samples()).isEmpty();
        }
    }

    @Test
    void inFlightListsARequestHeldOpenElsewhereWithWhatItIsDoingNow() throws Exception {
        try (PerfMon perfMon = perfMon(RequestSampling.defaults())) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread worker = new Thread(() -> {
                try (RequestScope scope = perfMon.openScope("GET /reports/slow")) {
                    scope.enter(Segment.DB_QUERY, SELECT, clock.monotonicTime());
                    inside.countDown();
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-7");
            worker.start();
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            clock.add(250, TimeUnit.MILLISECONDS);
            try (RequestScope own = perfMon.openScope("GET /perfmon")) {
                List<InFlightRequest> running = perfMon.inFlight();
                assertThat(running).containsExactly(new InFlightRequest("GET /reports/slow",
                        TimeUnit.MILLISECONDS.toNanos(250), "worker-7", "db.query", SELECT, TimeUnit.MILLISECONDS.toNanos(250)));
            }
            release.countDown();
            worker.join(10_000);
            assertThat(perfMon.inFlight()).isEmpty();
        }
    }

    /** A finding as a module publishes it from its scope hook. */
    private record Finding(String route) implements PerfMonEvent {
        @Override
        public String kind() {
            return "nplusone";
        }

        @Override
        public Severity severity() {
            return Severity.WARNING;
        }

        @Override
        public Instant timestamp() {
            return Instant.EPOCH;
        }

        @Override
        public String summary() {
            return "12 x select * from items where order_id = ? on " + route;
        }
    }
}
