package dev.perfmon.core;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagValueGuardTest {

    @Test
    void admitsUpToTheCapThenFoldsIntoTheOverflowValue() {
        TagValueGuard guard = new TagValueGuard(3, "OTHER");
        assertThat(guard.admit("a")).isEqualTo("a");
        assertThat(guard.admit("b")).isEqualTo("b");
        assertThat(guard.admit("c")).isEqualTo("c");
        assertThat(guard.admit("d")).isEqualTo("OTHER");
        assertThat(guard.admit("a")).isEqualTo("a");
        assertThat(guard.admittedCount()).isEqualTo(3);
        assertThat(guard.foldedCount()).isEqualTo(1);
    }

    /** The race is narrow (the last place taken while another thread admits the same value): many rounds. */
    @Test
    void racingThreadsAdmitExactlyTheCapAndAgreeOnEachValue() throws Exception {
        try (RacingAdmissions racing = new RacingAdmissions()) {
            racing.assertEachValueGetsOneAnswerAndExactlyTheCapIsKept(50, 400, 50, i -> "v" + i, () -> {
                TagValueGuard guard = new TagValueGuard(50, "OTHER");
                return new RacingAdmissions.Guard(guard::admit, guard::admittedCount);
            });
        }
    }

    @Test
    void aFloodOfDistinctValuesFromManyThreadsKeepsMetersBoundedAndTotalsExact() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TagValueGuard guard = new TagValueGuard(100, "OTHER");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    String value = guard.admit("/scan/" + UUID.randomUUID());
                    Timer.builder("flood").tag("uri", value).register(registry).record(1, TimeUnit.MILLISECONDS);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(registry.find("flood").timers()).hasSize(101);
        long total = registry.find("flood").timers().stream().mapToLong(Timer::count).sum();
        assertThat(total).isEqualTo(20_000);
        assertThat(registry.get("flood").tag("uri", "OTHER").timer().count()).isEqualTo(20_000 - 100);
    }

    @Test
    void theBreakdownOfScopesWithUnboundedRoutesIsFoldedToo() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PerfMon perfMon = PerfMon.builder(registry)
                .config(PerfMonConfig.builder().maxTagValues(10).logFindings(false).build()).build()) {
            for (int i = 0; i < 1_000; i++) {
                try (RequestScope scope = perfMon.openScope("job-" + i)) {
                    scope.recordSegment(Segment.DB_QUERY, 1);
                }
            }
        }
        List<Timer> timers = new ArrayList<>(registry.find("perfmon.request.segment").timers());
        assertThat(timers).hasSize(11);
        assertThat(timers.stream().mapToLong(Timer::count).sum()).isEqualTo(1_000);
    }

    @Test
    void invalidGuardsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> new TagValueGuard(0, "OTHER")).hasMessage("cap must be at least 1, was 0");
        assertThatThrownBy(() -> new TagValueGuard(5, "")).hasMessage("overflowValue must not be blank, was ''");
    }
}
