package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

/**
 * One step of a sampled request: where the time went ({@link #kind()}, a segment name such as
 * {@code db.pool}, {@code db.query} or {@code redis}), what ran there ({@link #label()}: a
 * statement's fingerprint, a Redis operation, never parameters or keys), when it started
 * relative to the request, how long it took and, for a statement, how many rows it changed.
 *
 * @param kind the segment name
 * @param label what ran (a statement shape, a command), or {@code null} when the segment says it all
 * @param offsetNanos start, in nanoseconds after the request started
 * @param durationNanos how long it took, in nanoseconds
 * @param rows the rows a statement changed as the driver reported them (an update count, the sum
 *     of a batch's), or {@link #NO_ROWS}: queries (counting the rows a result set holds would
 *     need a wrapper around every result set), drivers that report no count, other kinds
 */
public record TimelineEntry(String kind, @Nullable String label, long offsetNanos, long durationNanos, long rows) {

    /** {@link #rows()} when there is no row count. */
    public static final long NO_ROWS = -1;

    /** A step without a row count. */
    public TimelineEntry(String kind, @Nullable String label, long offsetNanos, long durationNanos) {
        this(kind, label, offsetNanos, durationNanos, NO_ROWS);
    }
}
