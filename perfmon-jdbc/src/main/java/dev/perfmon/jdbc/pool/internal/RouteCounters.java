package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.RouteName;
import dev.perfmon.core.RouteGuard;
import io.micrometer.core.instrument.Counter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One counter per pool and route ({@code name{pool,method,uri}}), registered on first use and cached by
 * its final tag value. Routes are admitted by the instance's {@link RouteGuard}: a route it folds shares
 * the overflow counter of its method, as it does in every other route-keyed meter, so totals stay exact.
 * A counter the registry refuses or that throws costs its counts, each counted as lost; never the caller.
 */
final class RouteCounters {

    private final ContainedMeters meters;
    private final String name;
    private final String description;
    private final String pool;
    private final RouteGuard guard;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    RouteCounters(ContainedMeters meters, String name, String description, String pool, RouteGuard guard) {
        this.meters = meters;
        this.name = name;
        this.description = description;
        this.pool = pool;
        this.guard = guard;
    }

    void increment(String route) {
        Counter counter = counters.get(route);
        if (counter == null) {
            // A folded route is not cached under its own name: the guard may still keep it later.
            counter = counters.computeIfAbsent(guard.admit(route), admitted -> meters.counter(Counter.builder(name)
                    .description(description).tag("pool", pool).tags(RouteName.tags(admitted))));
        }
        try {
            counter.increment();
        } catch (RuntimeException failure) {
            meters.lost(failure);
        }
    }

    void remove() {
        counters.values().forEach(meters::remove);
        counters.clear();
    }
}
