package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One request kept whole: a request slower than the latency objective, a failed one, or one
 * of the steady sample of normal requests ({@link RequestSampling}). Holds the route (a
 * template, never a raw path), the outcome, the thread, and the timeline of where its time
 * went: pool waits, each statement's shape, Redis operations and the application's own
 * segments. Never SQL parameters, Redis keys or raw paths.
 *
 * @param id a number unique among the samples of its {@link PerfMon}, increasing in order of completion
 * @param startEpochMillis when the request started (wall clock)
 * @param durationNanos how long it ran
 * @param route its route ({@code GET /posts/{id}})
 * @param status its HTTP status, or 0 when not an HTTP request
 * @param exception the simple class name of what failed it, or {@code null}
 * @param threadName the thread that opened it
 * @param reason why it was kept
 * @param traceId the trace id read by the {@link TraceIdSource}, or {@code null}
 * @param timeline what it did, in order of completion (at most {@link RequestSampling#TIMELINE_ENTRIES})
 * @param droppedEntries timeline entries past the bound, counted but not kept
 * @param findings one line per finding made about it when it closed (N+1, duplicates)
 * @param estimatedBytes the memory the sample is charged against the budget
 */
public record RequestSample(long id, long startEpochMillis, long durationNanos, String route, int status,
                            @Nullable String exception, @Nullable String threadName, Reason reason,
                            @Nullable String traceId, List<TimelineEntry> timeline,
                            int droppedEntries, List<String> findings, long estimatedBytes) {

    /** Why a request was kept. */
    public enum Reason {
        /** It failed: a 5xx status or an exception. */
        FAILED,
        /** It took longer than the latency objective. */
        SLOW,
        /** It was one of the steady sample of normal requests. */
        SAMPLED
    }

    /** Copies the lists, so a sample never changes. */
    public RequestSample {
        timeline = List.copyOf(timeline);
        findings = List.copyOf(findings);
    }

    /** @return the time spent in the segment named {@code kind}, summed over the kept timeline */
    public long nanosIn(String kind) {
        long total = 0;
        for (TimelineEntry entry : timeline) {
            if (entry.kind().equals(kind)) {
                total += entry.durationNanos();
            }
        }
        return total;
    }
}
