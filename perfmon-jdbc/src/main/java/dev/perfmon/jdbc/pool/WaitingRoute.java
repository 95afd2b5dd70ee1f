package dev.perfmon.jdbc.pool;

import dev.perfmon.core.internal.Require;
import dev.perfmon.jdbc.pool.internal.Durations;

import java.time.Duration;

/**
 * A route whose requests waited, or are waiting, for a connection of the pool.
 *
 * <p>Finished waits are learned from HikariCP when a waiter gets its connection or times out.
 * Waits still in progress are known only for requests that reach the pool through perfmon's
 * {@link dev.perfmon.jdbc.PerfMonDataSource}; they are counted in {@link #waitingNow()}, not in
 * {@link #waits()}, until they end.
 *
 * @param route the request scope's route, or {@code none} outside a scope
 * @param waits finished acquisitions of this route that waited (at least 1 ms), including those that timed out
 * @param timeouts acquisitions of this route that timed out
 * @param longestWait the longest of the finished waits
 * @param waitingNow threads of this route waiting for a connection when the snapshot was taken
 *     (for at least 1 ms so far)
 * @param longestWaitingNow how long the longest of those has waited so far; zero when none waits
 */
public record WaitingRoute(String route, long waits, long timeouts, Duration longestWait, int waitingNow,
                           Duration longestWaitingNow) {

    public WaitingRoute {
        Require.nonNull("route, longestWait, longestWaitingNow", route, longestWait, longestWaitingNow);
    }

    /**
     * A route with finished waits only.
     *
     * @param route the request scope's route, or {@code none} outside a scope
     * @param waits finished acquisitions that waited, including those that timed out
     * @param timeouts acquisitions that timed out
     * @param longestWait the longest of those waits
     */
    public WaitingRoute(String route, long waits, long timeouts, Duration longestWait) {
        this(route, waits, timeouts, longestWait, 0, Duration.ZERO);
    }

    /** @return acquisitions of this route that waited so far: the finished ones and those still waiting */
    public long allWaits() {
        return waits + waitingNow;
    }

    /** @return the longest wait so far, finished or still in progress */
    public Duration longestWaitSoFar() {
        return longestWaitingNow.compareTo(longestWait) > 0 ? longestWaitingNow : longestWait;
    }

    /**
     * @return {@code GET /orders (6 waits, 2 timeouts, longest 1.0 s)},
     *     {@code GET /orders (3 waiting now, longest 850 ms so far)}, or both joined by {@code ; }
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(64).append(route).append(" (");
        if (waits > 0 || waitingNow == 0) {
            b.append(waits).append(waits == 1 ? " wait" : " waits");
            if (timeouts > 0) {
                b.append(", ").append(timeouts).append(timeouts == 1 ? " timeout" : " timeouts");
            }
            b.append(", longest ").append(Durations.format(longestWait));
            if (waitingNow > 0) {
                b.append("; ");
            }
        }
        if (waitingNow > 0) {
            b.append(waitingNow).append(" waiting now, longest ").append(Durations.format(longestWaitingNow))
                    .append(" so far");
        }
        return b.append(')').toString();
    }
}
