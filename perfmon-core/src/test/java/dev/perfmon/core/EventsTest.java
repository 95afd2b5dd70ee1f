package dev.perfmon.core;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.SlowRequest;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EventsTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    private PerfMon perfMon(boolean logFindings) {
        return PerfMon.builder(registry)
                .config(PerfMonConfig.builder()
                        .logFindings(logFindings)
                        .slowRequestThreshold(Duration.ofMillis(500))
                        .build())
                .build();
    }

    @Test
    void aScopeOverTheThresholdPublishesASlowRequestWithItsFinalRouteAndDuration() {
        try (PerfMon perfMon = perfMon(false)) {
            List<SlowRequest> seen = new CopyOnWriteArrayList<>();
            perfMon.addListener(SlowRequest.class, seen::add);
            try (RequestScope scope = perfMon.openScope("GET")) {
                scope.route("/reports/slow");
                clock.add(750, TimeUnit.MILLISECONDS);
            }
            try (RequestScope ignored = perfMon.openScope("GET /fast")) {
                clock.add(100, TimeUnit.MILLISECONDS);
            }
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).route()).isEqualTo("/reports/slow");
            assertThat(seen.get(0).duration()).isEqualTo(Duration.ofMillis(750));
            assertThat(seen.get(0).summary()).contains("750 ms").contains("500 ms");
        }
    }

    @Test
    void aFailingListenerIsContainedCountedAndDoesNotStopOtherListeners() {
        try (PerfMon perfMon = perfMon(false)) {
            List<PerfMonEvent> seen = new CopyOnWriteArrayList<>();
            perfMon.addListener(event -> {
                throw new IllegalStateException("listener bug");
            });
            perfMon.addListener(seen::add);
            for (int i = 0; i < 3; i++) {
                try (RequestScope ignored = perfMon.openScope("GET /slow")) {
                    clock.add(1, TimeUnit.SECONDS);
                }
            }
            assertThat(seen).hasSize(3);
            assertThat(registry.get("perfmon.internal.errors").tag("component", "listener").counter().count())
                    .isEqualTo(3.0);
        }
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        try (PerfMon perfMon = perfMon(false)) {
            List<PerfMonEvent> seen = new CopyOnWriteArrayList<>();
            var listener = perfMon.addListener(PerfMonEvent.class, seen::add);
            assertThat(perfMon.hasListeners()).isTrue();
            assertThat(perfMon.removeListener(listener)).isTrue();
            assertThat(perfMon.hasListeners()).isFalse();
            try (RequestScope ignored = perfMon.openScope("GET /slow")) {
                clock.add(1, TimeUnit.SECONDS);
            }
            assertThat(seen).isEmpty();
        }
    }

    /** Slow requests are kept as request samples, which allocate by design: this is about events alone. */
    @Test
    void withNoListenerSlowScopesAllocateNothingInSteadyState() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (PerfMon perfMon = PerfMon.builder(registry)
                .config(PerfMonConfig.builder().logFindings(false).slowRequestThreshold(Duration.ofMillis(500)).build())
                .requestSampling(RequestSampling.off())
                .build()) {
            Segment kafka = Segment.of("kafka.send");
            Runnable slowScopes = () -> {
                for (int i = 0; i < 20_000; i++) {
                    try (RequestScope scope = perfMon.openScope("GET /slow")) {
                        scope.recordSegment(Segment.DB_POOL, 1_000);
                        scope.recordSegment(Segment.DB_QUERY, 20_000);
                        scope.recordSegment(kafka, 5_000);
                        clock.add(2, TimeUnit.SECONDS);
                    }
                }
            };
            slowScopes.run();
            long before = threads.getCurrentThreadAllocatedBytes();
            slowScopes.run();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // 20,000 slow scopes: a SlowRequest event alone would be over 1 MB; a few hundred
            // bytes of noise (the measuring call itself) are tolerated.
            assertThat(allocated).isLessThan(4_096);
        }
    }
}
