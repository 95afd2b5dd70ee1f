package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.PerfMon;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.springframework.beans.factory.ListableBeanFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Binds the JVM and system binders perfmon's health rules and report read (memory, GC, threads,
 * class loading, CPU, uptime, file descriptors), each only when the context has no binder bean
 * of that type: Boot's actuator binds them itself, and a second GC binder would count every
 * collection twice.
 */
public final class JvmBinders {

    /** The component failures of these binders are counted under (as {@code PerfMon.bindJvmMetrics}). */
    static final String COMPONENT = "jvm-metrics";

    private JvmBinders() {
    }

    /** @return the simple names of the binders bound here */
    public static List<String> bindMissing(PerfMon perfMon, ListableBeanFactory beans) {
        ContainedMeters meters = perfMon.meters(COMPONENT);
        List<String> bound = new ArrayList<>();
        bindUnlessPresent(beans, meters, bound, ClassLoaderMetrics.class, ClassLoaderMetrics::new);
        bindUnlessPresent(beans, meters, bound, JvmMemoryMetrics.class, JvmMemoryMetrics::new);
        bindUnlessPresent(beans, meters, bound, JvmThreadMetrics.class, JvmThreadMetrics::new);
        bindUnlessPresent(beans, meters, bound, ProcessorMetrics.class, ProcessorMetrics::new);
        bindUnlessPresent(beans, meters, bound, UptimeMetrics.class, UptimeMetrics::new);
        bindUnlessPresent(beans, meters, bound, FileDescriptorMetrics.class, FileDescriptorMetrics::new);
        if (beans.getBeanNamesForType(JvmGcMetrics.class, true, false).length == 0) {
            JvmGcMetrics gc = new JvmGcMetrics();
            meters.bind(gc);
            perfMon.closeOnClose(gc); // stops its GC notifications
            bound.add(JvmGcMetrics.class.getSimpleName());
        }
        return bound;
    }

    private static <B extends MeterBinder> void bindUnlessPresent(ListableBeanFactory beans, ContainedMeters meters,
                                                                 List<String> bound, Class<B> type, Supplier<B> binder) {
        if (beans.getBeanNamesForType(type, true, false).length == 0) {
            meters.bind(binder.get());
            bound.add(type.getSimpleName());
        }
    }
}
