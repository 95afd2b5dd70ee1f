package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

/**
 * One step of a sampled request: where the time went ({@link #kind()}, a segment name such as
 * {@code db.pool}, {@code db.query} or {@code redis}), what ran there ({@link #label()}: a
 * statement's fingerprint, a Redis operation, never parameters or keys), when it started
 * relative to the request and how long it took.
 *
 * @param kind the segment name
 * @param label what ran (a statement shape, a command), or {@code null} when the segment says it all
 * @param offsetNanos start, in nanoseconds after the request started
 * @param durationNanos how long it took, in nanoseconds
 */
public record TimelineEntry(String kind, @Nullable String label, long offsetNanos, long durationNanos) {
}
