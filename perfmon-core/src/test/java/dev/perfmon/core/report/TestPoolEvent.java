package dev.perfmon.core.report;

import dev.perfmon.core.event.PoolSaturation;
import dev.perfmon.core.event.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A pool-exhaustion event with structured facts, shaped like perfmon-jdbc's opening and closing
 * events, whose summary text is whatever a test chooses (the report must not read it).
 */
public record TestPoolEvent(String kind, String route, Instant timestamp, String summary, String pool, boolean opensEpisode,
                     int maxConnections, int active, int idle, int waiting, int peakWaiting, List<Holder> holders,
                     List<Waiter> waiters) implements PoolSaturation {

    /** An episode opening on a full pool: {@code active}/{@code max} busy, {@code waiting} threads waiting. */
    public static TestPoolEvent opened(String pool, int max, int active, int waiting, Instant at, Holder... holders) {
        return new TestPoolEvent("pool.exhausted", "none", at, "pool '" + pool + "' exhausted", pool, true, max, active,
                Math.max(0, max - active), waiting, waiting, List.of(holders), List.of());
    }

    /** An episode closing: only the peak and the longest hold per route are known. */
    public static TestPoolEvent ended(String pool, int peakWaiting, Instant at, Holder... holders) {
        return new TestPoolEvent("pool.exhaustion.ended", "none", at, "pool '" + pool + "' recovered", pool, false,
                UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, peakWaiting, List.of(holders), List.of());
    }

    public static Holder held(String route, double seconds) {
        return new Holder(route, Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    public TestPoolEvent withSummary(String text) {
        return new TestPoolEvent(kind, route, timestamp, text, pool, opensEpisode, maxConnections, active, idle, waiting,
                peakWaiting, holders, waiters);
    }

    public TestPoolEvent onRoute(String waitingRoute) {
        return new TestPoolEvent(kind, waitingRoute, timestamp, summary, pool, opensEpisode, maxConnections, active, idle,
                waiting, peakWaiting, holders, waiters);
    }

    @Override
    public Severity severity() {
        return opensEpisode ? Severity.WARNING : Severity.INFO;
    }
}
