package dev.perfmon.core.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts failures inside perfmon ({@code perfmon.internal.errors{component}}) and logs the
 * first one of each component, so a broken listener, hook or registry is visible without
 * flooding logs.
 *
 * <p>Every failure is counted in memory first ({@link #count}, {@link #lost}), so the numbers
 * stay exact when the registry refuses the {@code perfmon.internal.errors} counter itself or
 * that counter throws. Each component logs one line, its first failure, decided by an atomic
 * compare-and-set: exactly one line however many threads fail at once. When the counter cannot
 * be registered, that line says so and names the cause.
 */
public final class InternalErrors {

    static final String METER = "perfmon.internal.errors";
    private static final System.Logger LOG = System.getLogger("dev.perfmon");

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

    public InternalErrors(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts a failure of the component; the first one is logged with its stack trace.
     *
     * @param component a fixed, short component name (bounded by code, never by data)
     * @param failure what was thrown
     */
    public void record(String component, Throwable failure) {
        try {
            slot(component).failed(failure, false);
        } catch (RuntimeException ignored) {
            // Counting a failure must itself never fail the caller.
        }
    }

    /**
     * Counts a measurement the component could not record: a record that threw, or one that
     * went to the stand-in of a meter the registry refused. It is also a failure.
     *
     * @param component a fixed, short component name
     * @param failure what was thrown, or {@code null} for a record absorbed by a stand-in
     */
    public void lost(String component, @Nullable Throwable failure) {
        try {
            slot(component).failed(failure, true);
        } catch (RuntimeException ignored) {
            // Counting a failure must itself never fail the caller.
        }
    }

    /** @return the counter of a component, created on its first failure; for stand-in meters */
    public Slot slot(String component) {
        Slot slot = slots.get(component);
        return slot != null ? slot : slots.computeIfAbsent(component, Slot::new);
    }

    /** @return how many failures the component has had, lost measurements included */
    public long count(String component) {
        Slot slot = slots.get(component);
        return slot == null ? 0 : slot.failures.get();
    }

    /** @return how many measurements the component lost */
    public long lost(String component) {
        Slot slot = slots.get(component);
        return slot == null ? 0 : slot.lost.get();
    }

    /** The failures of one component: exact in-memory counts, the meter when it exists, the log-once flag. */
    public final class Slot {
        private final String component;
        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong lost = new AtomicLong();
        private final AtomicBoolean logged = new AtomicBoolean();
        private final @Nullable Counter counter;
        private final @Nullable RuntimeException counterFailure;

        private Slot(String component) {
            this.component = component;
            Counter registered = null;
            RuntimeException refused = null;
            try {
                registered = Counter.builder(METER)
                        .description("Failures inside perfmon instrumentation, contained so the application never sees them")
                        .tag("component", component)
                        .register(registry);
            } catch (RuntimeException failure) {
                refused = failure;
            }
            this.counter = registered;
            this.counterFailure = refused;
        }

        /** Counts one record absorbed by a stand-in meter. */
        public void lostRecord() {
            try {
                failed(null, true);
            } catch (RuntimeException ignored) {
                // Counting a failure must itself never fail the caller.
            }
        }

        void failed(@Nullable Throwable failure, boolean measurementLost) {
            failures.incrementAndGet();
            if (measurementLost) {
                lost.incrementAndGet();
            }
            if (!logged.get() && logged.compareAndSet(false, true)) {
                log(failure, measurementLost);
            }
            if (counter != null) {
                try {
                    counter.increment();
                } catch (RuntimeException ignored) {
                    // Counted in memory above; the registry's own failure changes nothing here.
                }
            }
        }

        private void log(@Nullable Throwable failure, boolean measurementLost) {
            String what = measurementLost ? "measurement lost in " : "failure in ";
            String counted = counter != null
                    ? "further ones are only counted as " + METER + "{component=" + component + "}"
                    : METER + " could not be registered either (" + counterFailure
                            + "); further ones are only counted in memory (PerfMon.failureCount)";
            LOG.log(System.Logger.Level.WARNING, "perfmon: " + what + component + " (contained; " + counted + ")",
                    failure);
        }
    }
}
