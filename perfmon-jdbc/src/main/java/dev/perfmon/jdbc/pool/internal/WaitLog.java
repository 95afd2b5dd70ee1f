package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.jdbc.pool.WaitingRoute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Routes that waited for a connection since the log was last cleared: written by borrowing
 * threads on the slow path only (a wait of at least {@link #NOTICE_NANOS}), read and cleared
 * by the sampler. At most {@link #MAX_ROUTES} routes; later ones are folded into the overflow route.
 */
final class WaitLog {

    /** Waits shorter than this are an uncontended pool doing its job, not waiting. */
    static final long NOTICE_NANOS = 1_000_000L;
    static final int MAX_ROUTES = 64;

    private final ConcurrentMap<String, RouteWaits> routes = new ConcurrentHashMap<>();
    private final String overflowRoute;
    private volatile long lastNote = Long.MIN_VALUE;

    WaitLog(String overflowRoute) {
        this.overflowRoute = overflowRoute;
    }

    void noteWait(String route, long nanos, long now) {
        lastNote = now;
        RouteWaits waits = waitsOf(route);
        waits.waits.increment();
        waits.longest.accumulateAndGet(nanos, Math::max);
    }

    void noteTimeout(String route, long now) {
        lastNote = now;
        waitsOf(route).timeouts.increment();
    }

    private RouteWaits waitsOf(String route) {
        RouteWaits waits = routes.get(route);
        if (waits == null) {
            String key = routes.size() >= MAX_ROUTES ? overflowRoute : route;
            waits = routes.computeIfAbsent(key, k -> new RouteWaits());
        }
        return waits;
    }

    boolean isEmpty() {
        return routes.isEmpty();
    }

    /** @return whether the log is non-empty and nothing was noted for at least {@code quietNanos} */
    boolean idleSince(long now, long quietNanos) {
        return !routes.isEmpty() && now - lastNote >= quietNanos;
    }

    void clear() {
        routes.clear();
    }

    /** @return the routes, most waits first */
    List<WaitingRoute> snapshot() {
        List<WaitingRoute> list = new ArrayList<>(routes.size());
        routes.forEach((route, w) -> list.add(new WaitingRoute(route, Math.max(w.waits.sum(), w.timeouts.sum()),
                w.timeouts.sum(), Duration.ofNanos(w.longest.get()))));
        list.sort(Comparator.comparingLong(WaitingRoute::waits).reversed()
                .thenComparing(WaitingRoute::longestWait, Comparator.reverseOrder()));
        return list;
    }

    private static final class RouteWaits {
        final LongAdder waits = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        final AtomicLong longest = new AtomicLong();
    }
}
