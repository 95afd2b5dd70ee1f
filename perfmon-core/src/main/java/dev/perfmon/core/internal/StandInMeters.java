package dev.perfmon.core.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopCounter;
import io.micrometer.core.instrument.noop.NoopDistributionSummary;
import io.micrometer.core.instrument.noop.NoopLongTaskTimer;
import io.micrometer.core.instrument.noop.NoopTimer;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Meters that stand in for ones the registry refused to register. They record nothing and count
 * every record as a lost measurement of their component, so a refused registration costs the
 * numbers, never the count of what was lost. Work handed to them (a {@code Runnable}, a
 * {@code Callable}) still runs, and its exceptions pass through unchanged.
 */
public final class StandInMeters {

    private static final String NAME = "perfmon.unregistered";

    private StandInMeters() {
    }

    private static Meter.Id id(String component, Meter.Type type) {
        return new Meter.Id(NAME, Tags.of("component", component), null, "A meter the registry refused", type);
    }

    /** @return a timer counting each record into {@code slot} */
    public static Timer timer(InternalErrors.Slot slot, String component) {
        return new LostTimer(id(component, Meter.Type.TIMER), slot);
    }

    /** @return a counter counting each increment into {@code slot} */
    public static Counter counter(InternalErrors.Slot slot, String component) {
        return new NoopCounter(id(component, Meter.Type.COUNTER)) {
            @Override
            public void increment(double amount) {
                slot.lostRecord();
            }
        };
    }

    /** @return a summary counting each record into {@code slot} */
    public static DistributionSummary summary(InternalErrors.Slot slot, String component) {
        return new NoopDistributionSummary(id(component, Meter.Type.DISTRIBUTION_SUMMARY)) {
            @Override
            public void record(double amount) {
                slot.lostRecord();
            }
        };
    }

    /** @return a long task timer counting each start into {@code slot} */
    public static LongTaskTimer longTaskTimer(InternalErrors.Slot slot, String component) {
        return new NoopLongTaskTimer(id(component, Meter.Type.LONG_TASK_TIMER)) {
            @Override
            public Sample start() {
                slot.lostRecord();
                return super.start();
            }
        };
    }

    private static final class LostTimer extends NoopTimer {
        private final InternalErrors.Slot slot;

        LostTimer(Id id, InternalErrors.Slot slot) {
            super(id);
            this.slot = slot;
        }

        @Override
        public void record(long amount, TimeUnit unit) {
            slot.lostRecord();
        }

        @Override
        public void record(Duration duration) {
            slot.lostRecord();
        }

        @Override
        public <T> T record(Supplier<T> f) {
            slot.lostRecord();
            return f.get();
        }

        @Override
        public boolean record(BooleanSupplier f) {
            slot.lostRecord();
            return f.getAsBoolean();
        }

        @Override
        public int record(IntSupplier f) {
            slot.lostRecord();
            return f.getAsInt();
        }

        @Override
        public long record(LongSupplier f) {
            slot.lostRecord();
            return f.getAsLong();
        }

        @Override
        public double record(DoubleSupplier f) {
            slot.lostRecord();
            return f.getAsDouble();
        }

        @Override
        public <T> T recordCallable(Callable<T> f) throws Exception {
            slot.lostRecord();
            return f.call();
        }

        @Override
        public void record(Runnable f) {
            slot.lostRecord();
            f.run();
        }
    }
}
