package dev.perfmon.redis.internal;

import dev.perfmon.core.PerfMon;
import io.micrometer.core.instrument.Clock;

/**
 * Keeps a failure of the cache's own bookkeeping (a meter, a clock, a request scope that throws,
 * or a bug of perfmon's) away from the application: the failure is recorded as
 * {@code perfmon.internal.errors{component=redis-cache}} (core logs the first one) and the
 * operation carries on. Never throws, and allocates nothing unless something failed.
 */
public final class Guard {

    /** The {@code component} of this module's {@code perfmon.internal.errors}. */
    static final String COMPONENT = "redis-cache";
    /** A clock reading that failed (recorded); durations measured from or to it are 0. */
    static final long NO_TIME = Long.MIN_VALUE;

    private final PerfMon perfMon;
    private final Clock clock;

    public Guard(PerfMon perfMon, Clock clock) {
        this.perfMon = perfMon;
        this.clock = clock;
    }

    /** Records a failure of perfmon's own; the caller carries on. */
    public void failed(Throwable failure) {
        try {
            perfMon.recordFailure(COMPONENT, failure);
        } catch (Throwable ignored) {
            // Recording must not turn into a failure of its own.
        }
    }

    /** @return the monotonic time, or {@link #NO_TIME} if the clock failed (recorded) */
    public long now() {
        try {
            return clock.monotonicTime();
        } catch (Throwable failure) {
            failed(failure);
            return NO_TIME;
        }
    }

    /** @return nanoseconds since {@code start}, or 0 if either reading failed */
    public long nanosSince(long start) {
        if (start == NO_TIME) {
            return 0L;
        }
        long end = now();
        return end == NO_TIME ? 0L : end - start;
    }
}
