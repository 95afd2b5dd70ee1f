package dev.perfmon.core.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts failures inside perfmon ({@code perfmon.internal.errors{component}}) and logs the
 * first one of each component, so a broken listener or hook is visible without flooding logs.
 */
public final class InternalErrors {

    private static final System.Logger LOG = System.getLogger("dev.perfmon");

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public InternalErrors(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param component a fixed, short component name (bounded by code, never by data)
     * @param failure what was thrown
     */
    public void record(String component, Throwable failure) {
        try {
            Counter counter = counters.get(component);
            if (counter == null) {
                counter = counters.computeIfAbsent(component, c -> Counter.builder("perfmon.internal.errors")
                        .description("Failures inside perfmon instrumentation, contained so the application never sees them")
                        .tag("component", c)
                        .register(registry));
                LOG.log(System.Logger.Level.WARNING, "perfmon: failure in " + component
                        + " (contained; further ones are only counted as perfmon.internal.errors)", failure);
            }
            counter.increment();
        } catch (RuntimeException ignored) {
            // Counting a failure must itself never fail the caller.
        }
    }

    /** @return how many failures the component has had */
    public long count(String component) {
        Counter counter = counters.get(component);
        return counter == null ? 0 : (long) counter.count();
    }
}
