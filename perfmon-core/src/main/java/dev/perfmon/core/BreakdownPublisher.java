package dev.perfmon.core;

import dev.perfmon.core.internal.SlotTable;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a closed scope's breakdown: {@code perfmon.request.segment{method,uri,segment}} per
 * segment and {@code perfmon.request.statements{method,uri}} for every scope, zero when it ran no SQL,
 * so the summary's mean is statements per request over all requests (a route served from a
 * cache five times out of six shows its true mean, not the mean of its cache misses).
 * Routes are admitted by the instance's {@link RouteGuard}, so a route folded here is folded in
 * every other route-keyed meter too. Meters are cached by their final tag values, so publishing is
 * a lookup in a warm map per route, segments found by identity, and records; never a registry lookup. A registry that refuses a meter or throws on record costs
 * those measurements, counted as lost under {@code breakdown}; the scope closes all the same.
 */
final class BreakdownPublisher {

    static final String SEGMENT_METER = "perfmon.request.segment";
    static final String STATEMENTS_METER = "perfmon.request.statements";
    static final String COMPONENT = "breakdown";

    private final ContainedMeters registry;
    private final RouteGuard routes;
    private final ConcurrentMap<String, RouteMeters> byRoute = new ConcurrentHashMap<>();

    BreakdownPublisher(ContainedMeters registry, RouteGuard routes) {
        this.registry = registry;
        this.routes = routes;
    }

    void publish(RequestScope scope) {
        try {
            publishChecked(scope);
        } catch (RuntimeException | LinkageError failure) {
            registry.record(failure);
        }
    }

    private void publishChecked(RequestScope scope) {
        SlotTable<Segment> segments = scope.segments();
        RouteMeters meters = metersFor(scope.route());
        for (int i = 0; i < segments.capacity(); i++) {
            Segment segment = segments.keyAt(i);
            if (segment == null) {
                break;
            }
            try {
                meters.segment(segment, i).record(segments.totalAt(i), TimeUnit.NANOSECONDS);
            } catch (RuntimeException failure) {
                registry.lost(failure);
            }
        }
        try {
            meters.statements().record(scope.counter(ScopeCounter.STATEMENTS));
        } catch (RuntimeException failure) {
            registry.lost(failure);
        }
    }

    private RouteMeters metersFor(String route) {
        RouteMeters meters = byRoute.get(route);
        if (meters != null) {
            return meters;
        }
        String admitted = routes.admit(route);
        return byRoute.computeIfAbsent(admitted, r -> new RouteMeters(r));
    }

    /** The meters of one route, created on first use, in the publisher's registry. */
    private final class RouteMeters {
        private final String route;
        private final DistributionSummary statements;
        /**
         * Segment and timer pairs in the order the route first recorded them, copied on write. Scopes
         * of one route record their segments in much the same order, so the pair at a segment's slot
         * in the scope is usually its own: found by identity without hashing or a map lookup.
         */
        private volatile Object[] segments = {};

        RouteMeters(String route) {
            this.route = route;
            this.statements = registry.summary(DistributionSummary.builder(STATEMENTS_METER)
                    .description("SQL statements per request, requests without SQL included")
                    .baseUnit("statements")
                    .tags(RouteName.tags(route)));
        }

        DistributionSummary statements() {
            return statements;
        }

        /**
         * @param slot where the scope keeps the segment, where its pair is looked at first
         * @return the segment's timer for this route, registered on first use
         */
        Timer segment(Segment segment, int slot) {
            Object[] pairs = segments;
            int at = 2 * slot;
            if (at < pairs.length && pairs[at] == segment) {
                return (Timer) pairs[at + 1];
            }
            Timer timer = find(pairs, segment);
            return timer != null ? timer : add(segment);
        }

        private @Nullable Timer find(Object[] pairs, Segment segment) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i] == segment) {
                    return (Timer) pairs[i + 1];
                }
            }
            return null;
        }

        private synchronized Timer add(Segment segment) {
            Object[] pairs = segments;
            Timer timer = find(pairs, segment);
            if (timer == null) {
                timer = registry.timer(Timer.builder(SEGMENT_METER)
                        .description("Time a request spent in each segment (pool wait, SQL, Redis, ...)")
                        .tags(RouteName.tags(route))
                        .tag("segment", segment.name()));
                Object[] next = Arrays.copyOf(pairs, pairs.length + 2);
                next[pairs.length] = segment;
                next[pairs.length + 1] = timer;
                segments = next;
            }
            return timer;
        }
    }
}
