package dev.perfmon.jdbc.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * A route whose requests waited for a connection of the pool.
 *
 * @param route the request scope's route, or {@code none} outside a scope
 * @param waits acquisitions of this route that waited (at least 1 ms), including those that timed out
 * @param timeouts acquisitions of this route that timed out
 * @param longestWait the longest of those waits
 */
public record WaitingRoute(String route, long waits, long timeouts, Duration longestWait) {

    public WaitingRoute {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(longestWait, "longestWait");
    }

    @Override
    public String toString() {
        return route + " (" + waits + (waits == 1 ? " wait" : " waits")
                + (timeouts > 0 ? ", " + timeouts + (timeouts == 1 ? " timeout" : " timeouts") : "")
                + ", longest " + dev.perfmon.jdbc.pool.internal.Durations.format(longestWait) + ")";
    }
}
