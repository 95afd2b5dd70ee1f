package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

/**
 * A request running now, as {@link PerfMon#inFlight()} saw it: its route, how long it has run,
 * the thread running it and what it is doing at this moment.
 *
 * @param route the scope's route ({@code GET /posts/{id}})
 * @param elapsedNanos how long the request has run
 * @param threadName the thread the scope is bound to
 * @param currentKind the segment it is in now ({@code db.pool} while waiting for a connection,
 *     {@code db.query}, {@code redis}), or {@code null} when in application code
 * @param currentLabel what runs there (a statement shape, a Redis operation), or {@code null}
 * @param currentNanos how long it has been in the current segment (0 without one)
 */
public record InFlightRequest(String route, long elapsedNanos, String threadName,
                              @Nullable String currentKind, @Nullable String currentLabel, long currentNanos) {
}
