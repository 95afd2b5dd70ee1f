package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.core.TagValueGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One counter per pool and route ({@code name{pool,uri}}), registered on first use and cached by
 * its final tag value; routes past the cardinality cap share the overflow counter, so totals stay exact.
 */
final class RouteCounters {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String pool;
    private final TagValueGuard guard;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    RouteCounters(MeterRegistry registry, String name, String description, String pool, TagValueGuard guard) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.pool = pool;
        this.guard = guard;
    }

    void increment(String route) {
        String uri = guard.admit(route);
        Counter counter = counters.get(uri);
        if (counter == null) {
            counter = counters.computeIfAbsent(uri, v -> Counter.builder(name).description(description)
                    .tag("pool", pool).tag("uri", v).register(registry));
        }
        counter.increment();
    }

    void remove() {
        counters.values().forEach(registry::remove);
        counters.clear();
    }
}
