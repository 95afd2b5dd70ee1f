package dev.perfmon.redis;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.internal.Require;

import java.time.Duration;
import java.time.Instant;

/**
 * The circuit breaker of a Redis client changed state: it opened after consecutive timeouts or
 * connection failures (or after a failed probe), half-opened to send one probe, or closed when
 * the probe was answered. Published only when a listener is registered. Never carries a key.
 *
 * @param client the breaker's client name (the {@code client} tag of its gauge)
 * @param from the state before
 * @param to the state after
 * @param failures the consecutive failures that opened it (1 for a failed probe), 0 otherwise
 * @param cause what the last failure was ({@code timeout}, {@code connection}), {@code none}
 *     when it half-opened or closed
 * @param openFor how long it stays open before the next probe; zero unless it opened
 * @param timestamp when it changed
 */
public record RedisBreakerTransition(String client, BreakerState from, BreakerState to, int failures, String cause,
                                     Duration openFor, Instant timestamp) implements PerfMonEvent {

    /** The {@link #kind()} of every breaker transition. */
    public static final String KIND = "redis.breaker";

    public RedisBreakerTransition {
        Require.nonNull("client, from, to, cause, openFor, timestamp", client, from, to, cause, openFor, timestamp);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String route() {
        return "none";
    }

    @Override
    public Severity severity() {
        return to == BreakerState.CLOSED ? Severity.INFO : Severity.WARNING;
    }

    @Override
    public String summary() {
        String head = "Redis client '" + client + "': circuit breaker " + from.label() + " -> " + to.label();
        if (to == BreakerState.OPEN) {
            return head + " after " + failures + " consecutive " + cause + " failure" + (failures == 1 ? "" : "s")
                    + "; cache operations skip Redis for " + openFor.toMillis() + " ms, then one probe";
        }
        if (to == BreakerState.HALF_OPEN) {
            return head + ": sending one probe";
        }
        return head + ": the probe was answered, cache operations use Redis again";
    }
}
