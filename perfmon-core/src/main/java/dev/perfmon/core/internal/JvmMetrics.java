package dev.perfmon.core.internal;

import dev.perfmon.core.ContainedMeters;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * Binds Micrometer's JVM and system binders; CPU and memory are measured by them, not by us.
 * Each binder is bound on its own: one the registry refuses is counted as a failure of
 * {@code jvm-metrics} and the others are bound all the same.
 */
public final class JvmMetrics {

    /** The component failures of these binders are counted under. */
    public static final String COMPONENT = "jvm-metrics";

    private JvmMetrics() {
    }

    /** @return what to close to stop the GC binder's notifications */
    public static AutoCloseable bindTo(ContainedMeters meters) {
        meters.bind(new ClassLoaderMetrics());
        meters.bind(new JvmMemoryMetrics());
        meters.bind(new JvmThreadMetrics());
        meters.bind(new ProcessorMetrics());
        meters.bind(new UptimeMetrics());
        meters.bind(new FileDescriptorMetrics());
        JvmGcMetrics gc = new JvmGcMetrics();
        meters.bind(gc); // a binder failing part-way may have started listening: closed with the rest
        return gc;
    }
}
