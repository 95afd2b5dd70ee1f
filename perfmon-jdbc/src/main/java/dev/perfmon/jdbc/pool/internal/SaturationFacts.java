package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.core.event.PoolSaturation;
import dev.perfmon.jdbc.pool.ConnectionHolder;
import dev.perfmon.jdbc.pool.WaitingRoute;

import java.util.ArrayList;
import java.util.List;

/** Turns the pool events' own records into core's {@link PoolSaturation} facts (routes and durations only). */
public final class SaturationFacts {

    private SaturationFacts() {
    }

    /** @return each holder's route and hold time, in the same order */
    public static List<PoolSaturation.Holder> holders(List<ConnectionHolder> holders) {
        List<PoolSaturation.Holder> result = new ArrayList<>(holders.size());
        for (ConnectionHolder h : holders) {
            result.add(new PoolSaturation.Holder(h.route(), h.heldFor()));
        }
        return List.copyOf(result);
    }

    /**
     * @return each waiting route in the same order, counting waits still in progress as waits
     *     (finished plus waiting now) and their time so far in the longest wait
     */
    public static List<PoolSaturation.Waiter> waiters(List<WaitingRoute> routes) {
        List<PoolSaturation.Waiter> result = new ArrayList<>(routes.size());
        for (WaitingRoute r : routes) {
            result.add(new PoolSaturation.Waiter(r.route(), r.allWaits(), r.longestWaitSoFar()));
        }
        return List.copyOf(result);
    }
}
