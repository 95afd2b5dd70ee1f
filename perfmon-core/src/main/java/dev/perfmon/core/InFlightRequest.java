package dev.perfmon.core;

/**
 * A request running now, as {@link PerfMon#inFlight()} saw it: its route, how long it has run,
 * the thread running it and what it is doing at this moment.
 *
 * @param route the scope's route ({@code GET /posts/{id}})
 * @param elapsedNanos how long the request has run
 * @param threadName the thread the scope is bound to, or {@code null} when it is on none
 *     ({@link State#DETACHED})
 * @param currentKind the segment it is in now ({@code db.pool} while waiting for a connection,
 *     {@code db.query}, {@code redis}), or {@code null} when in application code
 * @param currentLabel what runs there (a statement shape, a Redis operation), or {@code null}
 * @param currentNanos how long it has been in the current segment (0 without one)
 * @param state whether a thread runs it now or it waits on none
 */
public record InFlightRequest(String route, long elapsedNanos, String threadName, String currentKind,
                              String currentLabel, long currentNanos, State state) {

    /** A request a thread runs now ({@link State#RUNNING}). */
    public InFlightRequest(String route, long elapsedNanos, String threadName, String currentKind,
                           String currentLabel, long currentNanos) {
        this(route, elapsedNanos, threadName, currentKind, currentLabel, currentNanos, State.RUNNING);
    }

    /** Where an in-flight request is. */
    public enum State {
        /** Bound to a thread that runs it now. */
        RUNNING("running"),
        /**
         * Open but bound to no thread: an asynchronous request between dispatches (after
         * {@code startAsync}, waiting for its completion), or any scope {@linkplain RequestScope#detach() detached}.
         */
        DETACHED("async (between dispatches)");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** @return how the state reads in a report or on the dashboard */
        public String label() {
            return label;
        }
    }
}
