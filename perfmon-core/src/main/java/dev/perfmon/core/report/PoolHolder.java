package dev.perfmon.core.report;

import java.util.Objects;

/**
 * A route that held a pool's connections while threads waited for them, as the pool's
 * {@link dev.perfmon.core.event.PoolSaturation} events name it.
 *
 * @param route the holding scopes' route
 * @param heldSeconds the holds those events list for the route, summed: a weight that says who
 *     held the connections, not a complete account of the route's connection time
 */
public record PoolHolder(String route, double heldSeconds) {

    public PoolHolder {
        Objects.requireNonNull(route, "route");
    }
}
