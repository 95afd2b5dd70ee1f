package dev.perfmon.spring.boot.autoconfigure;

import java.util.List;

/**
 * Which JVM and system binders perfmon bound because the application had no bean of their
 * type (empty when actuator binds them all), so no meter is registered twice.
 *
 * @param bound simple class names of the binders perfmon bound
 */
public record PerfMonJvmBinders(List<String> bound) {

    /** Keeps an unmodifiable copy. */
    public PerfMonJvmBinders {
        bound = List.copyOf(bound);
    }
}
