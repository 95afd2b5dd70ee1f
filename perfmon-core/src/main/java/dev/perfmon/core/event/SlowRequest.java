package dev.perfmon.core.event;

import dev.perfmon.core.internal.Require;

import java.time.Duration;
import java.time.Instant;

/**
 * A request scope that lasted longer than the configured slow-request threshold.
 *
 * @param route the scope's final route
 * @param duration how long the scope was open
 * @param threshold the threshold it exceeded
 * @param timestamp when the scope closed
 */
public record SlowRequest(String route, Duration duration, Duration threshold, Instant timestamp)
        implements PerfMonEvent {

    /** The {@link #kind()} of every slow-request event. */
    public static final String KIND = "slow.request";

    public SlowRequest {
        Require.nonNull("route, duration, threshold, timestamp", route, duration, threshold, timestamp);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Severity severity() {
        return Severity.INFO;
    }

    @Override
    public String summary() {
        return route + " took " + duration.toMillis() + " ms (slow-request threshold " + threshold.toMillis() + " ms)";
    }
}
