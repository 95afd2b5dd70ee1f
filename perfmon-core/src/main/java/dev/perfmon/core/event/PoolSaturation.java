package dev.perfmon.core.event;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A connection-pool exhaustion event that carries its facts as data: the pool's counts, who
 * held the connections and who waited. Readers in other modules (the report ranks the routes
 * holding the connections from these) depend on this contract, never on the wording of
 * {@link #summary()}, which stays free to change for the logs.
 *
 * <p>An episode is announced by one event that {@linkplain #opensEpisode() opens} it and usually
 * closed by another that carries what the whole episode showed. A count the event does not carry
 * is {@link #UNKNOWN}. Routes are scope routes as in {@link PerfMonEvent#route()}: route
 * templates, {@code none} for work outside a request scope.
 */
public interface PoolSaturation extends PerfMonEvent {

    /** The value of a count the event does not carry. */
    int UNKNOWN = -1;

    /** @return the pool's name, as the pool's own meters tag it ({@code pool}) */
    String pool();

    /** @return true for the event that opens an exhaustion episode, false for the one that closes it */
    boolean opensEpisode();

    /** @return the pool's maximum size, or {@link #UNKNOWN} */
    int maxConnections();

    /** @return connections in use when the event was made, or {@link #UNKNOWN} */
    int active();

    /** @return idle connections when the event was made, or {@link #UNKNOWN} */
    int idle();

    /** @return threads waiting for a connection when the event was made, or {@link #UNKNOWN} */
    int waiting();

    /** @return the most threads seen waiting during the episode so far, or {@link #UNKNOWN} */
    int peakWaiting();

    /**
     * @return the connection holds the event names, longest first: for an opening event the
     *     longest-held connections at that moment (a route once per connection it holds), for a
     *     closing event the longest hold per route seen while threads waited; empty when unknown
     */
    List<Holder> holders();

    /** @return the routes whose requests waited for a connection, most waits first; empty when unknown */
    default List<Waiter> waiters() {
        return List.of();
    }

    /**
     * A connection hold: the route that borrowed the connection and for how long it held it.
     *
     * @param route the borrowing scope's route, {@code none} outside a scope
     * @param heldFor how long the connection was (or has so far been) held
     */
    record Holder(String route, Duration heldFor) {

        public Holder {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(heldFor, "heldFor");
        }
    }

    /**
     * A route whose requests waited for a connection.
     *
     * @param route the waiting scopes' route, {@code none} outside a scope
     * @param waits how many of its acquisitions waited
     * @param longestWait the longest of those waits
     */
    record Waiter(String route, long waits, Duration longestWait) {

        public Waiter {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(longestWait, "longestWait");
        }
    }
}
