package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

/**
 * Registers the scope with io.micrometer context-propagation when that library is on the
 * classpath, so Reactor, Micrometer Observation and other context-aware code carry it.
 */
final class ContextPropagation {

    private static final boolean AVAILABLE = isAvailable();

    private ContextPropagation() {
    }

    private static boolean isAvailable() {
        try {
            Class.forName("io.micrometer.context.ContextRegistry", false, ContextPropagation.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return what unregisters the accessor, or {@code null} when the library is absent */
    static @Nullable AutoCloseable registerIfAvailable(PerfMon perfMon) {
        return AVAILABLE ? ScopeContextAccessor.register(perfMon) : null;
    }
}
