package dev.perfmon.core.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Checks of configured durations, with the value in the message, and the one daemon schedule of a periodic task. */
public final class Durations {

    private Durations() {
    }

    /** @return {@code value} when above zero; otherwise throws naming {@code what} and the value */
    public static Duration positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }

    /** @return {@code value} when zero or more; otherwise throws naming {@code what} and the value */
    public static Duration notNegative(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * @param threadName the name of the schedule's one daemon thread
     * @return a schedule running {@code task} every {@code period}, first after one period
     */
    public static ScheduledExecutorService every(Duration period, String threadName, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long nanos = period.toNanos();
        scheduler.scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
        return scheduler;
    }
}
