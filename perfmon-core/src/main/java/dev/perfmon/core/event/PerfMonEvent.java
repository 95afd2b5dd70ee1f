package dev.perfmon.core.event;

import java.time.Instant;

/**
 * A finding perfmon publishes: an N+1 query pattern, a pool-exhaustion episode, a slow
 * request, a cache stampede, a health change. Events are immutable; each module defines its
 * own types (usually records) implementing this interface, so listeners and the report can
 * treat them uniformly and switch on the concrete type when they need the details.
 *
 * <p>Nothing in an event's {@link #summary()} may contain SQL parameters, cache keys or
 * credentials.
 */
public interface PerfMonEvent {

    /** @return a short, fixed identifier of the finding's kind, such as {@code nplusone} */
    String kind();

    /** @return the route the finding belongs to, or {@code none} when it is not tied to one */
    String route();

    /** @return how much the finding matters */
    Severity severity();

    /** @return when the finding was made (wall clock) */
    Instant timestamp();

    /** @return one human-readable line describing the finding with its numbers */
    String summary();

    /**
     * What tells findings of the same kind and route apart in the default log, which writes one
     * line per route, kind and log key per interval: a statement's fingerprint, a health rule's
     * name. Fixed by code or by the application's statements, never parameter values or keys.
     *
     * @return the distinguishing part of the log key; empty (the default) when kind and route suffice
     */
    default String logKey() {
        return "";
    }
}
