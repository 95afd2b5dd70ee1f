package dev.perfmon.core;

import dev.perfmon.core.internal.SampleStore;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, when a scope closes, whether it is kept as a {@link RequestSample}, and copies it
 * if so. The decision reads fields the scope already has and a per-thread counter; only a
 * kept request allocates.
 */
final class RequestSampler {

    private final PerfMon perfMon;
    private final long sloNanos;
    private final int every;
    private final @Nullable TraceIdSource traceIds;
    private final SampleStore store;
    private final AtomicLong ids = new AtomicLong();
    private static final Comparator<TimelineEntry> BY_OFFSET = Comparator.comparingLong(TimelineEntry::offsetNanos);

    RequestSampler(PerfMon perfMon, RequestSampling sampling, @Nullable TraceIdSource traceIds) {
        this.perfMon = perfMon;
        this.sloNanos = perfMon.config().latencySlo().toNanos();
        this.every = sampling.every();
        this.traceIds = traceIds;
        this.store = new SampleStore(sampling.perRoute(), sampling.memoryBudgetBytes());
    }

    void onClose(RequestScope scope, long durationNanos, ScopeThreadState thread) {
        RequestSample.Reason reason;
        if (scope.failure() != null || scope.status() >= 500) {
            reason = RequestSample.Reason.FAILED;
        } else if (durationNanos > sloNanos) {
            reason = RequestSample.Reason.SLOW;
        } else if (every > 0 && ++thread.sinceSample >= every) {
            thread.sinceSample = 0;
            reason = RequestSample.Reason.SAMPLED;
        } else {
            return;
        }
        store.add(copy(scope, durationNanos, reason));
    }

    private RequestSample copy(RequestScope scope, long durationNanos, RequestSample.Reason reason) {
        RequestScope.Timeline arrays = scope.timelineArrays();
        int count = scope.timelineCount();
        int kept = arrays == null ? 0 : Math.min(count, Math.min(RequestSampling.TIMELINE_ENTRIES, arrays.kinds.length));
        long start = scope.startNanos();
        TimelineEntry[] entries = new TimelineEntry[kept];
        int n = 0;
        boolean ordered = true;
        for (int i = 0; arrays != null && i < kept; i++) {
            Segment kind = arrays.kinds[i];
            if (kind != null) {
                TimelineEntry entry = new TimelineEntry(kind.name(), arrays.labels[i], Math.max(0, arrays.starts[i] - start),
                        arrays.durations[i], arrays.rows[i]);
                ordered &= n == 0 || entries[n - 1].offsetNanos() <= entry.offsetNanos();
                entries[n++] = entry;
            }
        }
        if (!ordered) {
            // Steps are stored as they end; one that began before an earlier one ended (a pool wait
            // around a nested call, work on another thread) moves into start order. A stable sort.
            Arrays.sort(entries, 0, n, BY_OFFSET);
        }
        // An immutable list already: the sample keeps it as it is rather than copying it.
        List<TimelineEntry> timeline = List.of(n == kept ? entries : Arrays.copyOf(entries, n));
        String[] found = scope.findings();
        List<String> findings = found == null ? List.of() : List.of(found);
        Class<?> failure = scope.failure();
        String exception = failure == null ? null : failure.getSimpleName();
        Thread owner = scope.owner();
        String threadName = owner == null ? null : owner.getName();
        String traceId = traceId();
        String route = scope.route();
        long bytes = SampleStore.estimate(route, exception, threadName, traceId, timeline, findings);
        long startMillis = perfMon.clock().wallTime() - durationNanos / 1_000_000;
        return new RequestSample(ids.incrementAndGet(), startMillis, durationNanos, route, scope.status(), exception, threadName, reason,
                traceId, timeline, count - kept, findings, bytes);
    }

    private @Nullable String traceId() {
        if (traceIds == null) {
            return null;
        }
        try {
            String id = traceIds.currentTraceId();
            return id == null || id.isEmpty() || id.length() > 64 ? null : id;
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure("trace-id", failure);
            return null;
        }
    }

    RequestSamples snapshot() {
        return new RequestSamples(store.samples(), store.retainedBytes(), store.budgetBytes(), store.evicted());
    }
}
