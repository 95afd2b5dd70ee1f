package dev.perfmon.core;

import dev.perfmon.core.internal.InternalErrors;
import dev.perfmon.core.internal.StandInMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Registers meters on behalf of one perfmon component so that a registry that throws never
 * reaches the application. A refused registration is counted as a failure of the component
 * ({@code perfmon.internal.errors{component}}, {@link PerfMon#failureCount}) and answered with a
 * stand-in meter that records nothing but counts each of its records as a lost measurement
 * ({@link PerfMon#lostMeasurements}): cache the meter as usual, and a broken registry costs
 * the numbers, never the count of what was lost, nor a registry lookup per record.
 *
 * <p>Records on real meters can throw too (a registry's own meter implementation): record sites
 * catch and report them with {@link #lost(Throwable)}.
 *
 * <pre>{@code
 * ContainedMeters meters = perfMon.meters("pool-monitor");
 * Timer waits = meters.timer(Timer.builder("my.waits").tag("pool", name));   // never throws
 * try { waits.record(nanos, NANOSECONDS); } catch (RuntimeException e) { meters.lost(e); }
 * }</pre>
 */
public final class ContainedMeters {

    private final MeterRegistry registry;
    private final InternalErrors errors;
    private final String component;

    ContainedMeters(MeterRegistry registry, InternalErrors errors, String component) {
        this.registry = registry;
        this.errors = errors;
        this.component = component;
    }

    /** @return the component failures are counted under */
    public String component() {
        return component;
    }

    /** @return the registered timer, or a stand-in counting its records as lost */
    public Timer timer(Timer.Builder builder) {
        return register(builder::register, StandInMeters::timer);
    }

    /** @return the registered counter, or a stand-in counting its increments as lost */
    public Counter counter(Counter.Builder builder) {
        return register(builder::register, StandInMeters::counter);
    }

    /** @return the registered summary, or a stand-in counting its records as lost */
    public DistributionSummary summary(DistributionSummary.Builder builder) {
        return register(builder::register, StandInMeters::summary);
    }

    /** @return the registered long task timer, or a stand-in counting its starts as lost */
    public LongTaskTimer longTaskTimer(LongTaskTimer.Builder builder) {
        return register(builder::register, StandInMeters::longTaskTimer);
    }

    private <M> M register(Function<MeterRegistry, M> register, BiFunction<InternalErrors.Slot, String, M> standIn) {
        try {
            return register.apply(registry);
        } catch (RuntimeException | LinkageError failure) {
            errors.record(component, failure);
            return standIn.apply(errors.slot(component), component);
        }
    }

    /**
     * A gauge is read by the registry, never recorded: a refused one is counted once.
     *
     * @return the registered gauge, or {@code null} when the registry refused it
     */
    public <T> @Nullable Gauge gauge(Gauge.Builder<T> builder) {
        try {
            return builder.register(registry);
        } catch (RuntimeException | LinkageError failure) {
            errors.record(component, failure);
            return null;
        }
    }

    /**
     * Binds a Micrometer binder; a binder that throws part-way keeps the meters it registered.
     *
     * @return whether the binder bound without failing
     */
    public boolean bind(MeterBinder binder) {
        try {
            binder.bindTo(registry);
            return true;
        } catch (RuntimeException | LinkageError failure) {
            errors.record(component, failure);
            return false;
        }
    }

    /** Removes a meter from the registry; a stand-in or {@code null} is ignored, a failure counted. */
    public void remove(Meter meter) {
        if (meter == null) {
            return;
        }
        try {
            registry.remove(meter);
        } catch (RuntimeException | LinkageError failure) {
            errors.record(component, failure);
        }
    }

    /**
     * Counts a failure of the component that lost no measurement (a binder, a removal, a
     * callback); logged if it is the component's first.
     *
     * @param failure what was thrown
     */
    public void record(Throwable failure) {
        errors.record(component, failure);
    }

    /**
     * Counts a measurement lost because recording it threw, or because the meter it was for
     * could not be created.
     *
     * @param failure what the meter threw, or {@code null} when nothing was thrown this time
     */
    public void lost(@Nullable Throwable failure) {
        errors.lost(component, failure);
    }
}
