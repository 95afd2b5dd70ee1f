package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.RouteName;
import dev.perfmon.core.TagValueGuard;
import io.micrometer.core.instrument.Counter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One counter per pool and route ({@code name{pool,method,uri}}), registered on first use and cached by
 * its final tag value; routes past the cardinality cap share the overflow counter, so totals stay exact.
 * A counter the registry refuses or that throws costs its counts, each counted as lost; never the caller.
 */
final class RouteCounters {

    private final ContainedMeters meters;
    private final String name;
    private final String description;
    private final String pool;
    private final TagValueGuard guard;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    RouteCounters(ContainedMeters meters, String name, String description, String pool, TagValueGuard guard) {
        this.meters = meters;
        this.name = name;
        this.description = description;
        this.pool = pool;
        this.guard = guard;
    }

    void increment(String route) {
        String uri = guard.admit(route);
        Counter counter = counters.get(uri);
        if (counter == null) {
            counter = counters.computeIfAbsent(uri, v -> meters.counter(Counter.builder(name).description(description)
                    .tag("pool", pool).tags(RouteName.tags(v))));
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
