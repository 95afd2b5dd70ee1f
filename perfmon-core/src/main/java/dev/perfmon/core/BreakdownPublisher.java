package dev.perfmon.core;

import dev.perfmon.core.internal.SlotTable;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a closed scope's breakdown: {@code perfmon.request.segment{uri,segment}} per
 * segment and {@code perfmon.request.statements{uri}} when the scope touched a database.
 * Meters are cached by their final tag values, so publishing is lookups in warm maps and
 * records, never a registry lookup. A registry that refuses a meter or throws on record costs
 * those measurements, counted as lost under {@code breakdown}; the scope closes all the same.
 */
final class BreakdownPublisher {

    static final String SEGMENT_METER = "perfmon.request.segment";
    static final String STATEMENTS_METER = "perfmon.request.statements";
    static final String COMPONENT = "breakdown";

    private final ContainedMeters registry;
    private final TagValueGuard routes;
    private final ConcurrentMap<String, RouteMeters> byRoute = new ConcurrentHashMap<>();

    BreakdownPublisher(ContainedMeters registry, TagValueGuard routes) {
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
        boolean touchedDatabase = scope.hasCounter(ScopeCounter.STATEMENTS);
        if (segments.keyAt(0) == null && !touchedDatabase) {
            return;
        }
        RouteMeters meters = metersFor(scope.route());
        for (int i = 0; i < segments.capacity(); i++) {
            Segment segment = segments.keyAt(i);
            if (segment == null) {
                break;
            }
            touchedDatabase |= segment == Segment.DB_POOL || segment == Segment.DB_QUERY;
            try {
                meters.segment(segment).record(segments.totalAt(i), TimeUnit.NANOSECONDS);
            } catch (RuntimeException failure) {
                registry.lost(failure);
            }
        }
        if (touchedDatabase) {
            try {
                meters.statements().record(scope.counter(ScopeCounter.STATEMENTS));
            } catch (RuntimeException failure) {
                registry.lost(failure);
            }
        }
    }

    private RouteMeters metersFor(String route) {
        RouteMeters meters = byRoute.get(route);
        if (meters != null) {
            return meters;
        }
        String admitted = routes.admit(route);
        return byRoute.computeIfAbsent(admitted, r -> new RouteMeters(registry, r));
    }

    /** The meters of one route, created on first use. */
    private static final class RouteMeters {
        private final ContainedMeters registry;
        private final String route;
        private volatile DistributionSummary statements;
        private final ConcurrentMap<Segment, Timer> segments = new ConcurrentHashMap<>();

        RouteMeters(ContainedMeters registry, String route) {
            this.registry = registry;
            this.route = route;
        }

        /** Registered on first use, so routes that never touch a database have no such meter. */
        DistributionSummary statements() {
            DistributionSummary summary = statements;
            if (summary == null) {
                summary = registry.summary(DistributionSummary.builder(STATEMENTS_METER)
                        .description("SQL statements per request")
                        .baseUnit("statements")
                        .tag("uri", route));
                statements = summary;
            }
            return summary;
        }

        Timer segment(Segment segment) {
            Timer timer = segments.get(segment);
            if (timer != null) {
                return timer;
            }
            return segments.computeIfAbsent(segment, s -> registry.timer(Timer.builder(SEGMENT_METER)
                    .description("Time a request spent in each segment (pool wait, SQL, Redis, ...)")
                    .tag("uri", route)
                    .tag("segment", s.name())));
        }
    }
}
