package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.jdbc.internal.PendingAcquisitions;
import dev.perfmon.jdbc.pool.WaitingRoute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the two sources of a snapshot's waiting routes: waits that finished (HikariCP reported
 * them to the tracker, {@link WaitLog}) and waits still in progress (registered by perfmon's
 * DataSource decorator, {@link PendingAcquisitions}). One entry per route, most waits (finished
 * plus in progress) first. Sampler thread only.
 */
final class WaitingRoutes {

    /** Routes collected from waits in progress; later ones are folded into the overflow route. */
    static final int MAX_ROUTES = WaitLog.MAX_ROUTES;

    private static final Comparator<WaitingRoute> MOST_WAITS_FIRST = Comparator
            .comparingLong(WaitingRoute::allWaits).reversed()
            .thenComparing(WaitingRoute::longestWaitSoFar, Comparator.reverseOrder())
            .thenComparing(WaitingRoute::route);

    private WaitingRoutes() {
    }

    /**
     * @param finished the finished waits per route
     * @param pending the pool's acquisitions in progress
     * @param now the clock's monotonic time of the snapshot
     * @param overflowRoute the route that stands for routes past {@link #MAX_ROUTES}
     * @return one entry per route, most waits first
     */
    static List<WaitingRoute> merge(List<WaitingRoute> finished, PendingAcquisitions pending, long now,
                                    String overflowRoute) {
        Map<String, long[]> waitingNow = new HashMap<>();
        pending.forEachWaiting(now, WaitLog.NOTICE_NANOS, (route, waited) -> {
            long[] entry = waitingNow.get(route);
            if (entry == null) {
                String key = waitingNow.size() >= MAX_ROUTES ? overflowRoute : route;
                entry = waitingNow.computeIfAbsent(key, k -> new long[2]);
            }
            entry[0]++;
            entry[1] = Math.max(entry[1], waited);
        });
        if (waitingNow.isEmpty()) {
            return finished;
        }
        List<WaitingRoute> merged = new ArrayList<>(finished.size() + waitingNow.size());
        for (WaitingRoute route : finished) {
            long[] inProgress = waitingNow.remove(route.route());
            merged.add(inProgress == null ? route : new WaitingRoute(route.route(), route.waits(), route.timeouts(),
                    route.longestWait(), (int) inProgress[0], Duration.ofNanos(inProgress[1])));
        }
        waitingNow.forEach((route, entry) -> merged.add(new WaitingRoute(route, 0, 0, Duration.ZERO,
                (int) entry[0], Duration.ofNanos(entry[1]))));
        merged.sort(MOST_WAITS_FIRST);
        return merged;
    }
}
