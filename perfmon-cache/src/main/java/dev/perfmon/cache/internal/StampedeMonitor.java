package dev.perfmon.cache.internal;

import dev.perfmon.cache.CacheStampede;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accumulates duplicate concurrent loads of one cache and publishes at most one
 * {@link CacheStampede} per interval with what accumulated since the previous one (the first one
 * at once). Nothing is allocated unless a listener is registered and the interval has passed.
 */
public final class StampedeMonitor {

    private static final long NEVER = Long.MIN_VALUE;

    private final PerfMon perfMon;
    private final String cache;
    private final long intervalNanos;

    private final AtomicLong lastEvent = new AtomicLong(NEVER);
    private volatile long windowStart;
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    public StampedeMonitor(PerfMon perfMon, String cache, Duration interval) {
        this.perfMon = perfMon;
        this.cache = cache;
        this.intervalNanos = interval.toNanos();
        this.windowStart = perfMon.clock().monotonicTime();
    }

    /**
     * One load started while others of the same key were in flight.
     *
     * @param concurrent loads of the key in flight, this one included
     * @param scope the current request scope, or {@code null}
     */
    public void duplicate(int concurrent, @Nullable RequestScope scope) {
        duplicates.incrementAndGet();
        maxConcurrent.accumulateAndGet(concurrent, Math::max);
        if (!perfMon.hasListeners()) {
            return;
        }
        long now = perfMon.clock().monotonicTime();
        long last = lastEvent.get();
        // The first stampede is reported at once; later ones at most once per interval.
        if ((last != NEVER && now - last < intervalNanos) || !lastEvent.compareAndSet(last, now)) {
            return;
        }
        long start = windowStart;
        windowStart = now;
        long count = duplicates.getAndSet(0);
        int max = maxConcurrent.getAndSet(0);
        if (count == 0) {
            return;
        }
        String route = scope == null ? "none" : scope.route();
        perfMon.publish(new CacheStampede(cache, route, count, max, Duration.ofNanos(now - start), perfMon.now()));
    }
}
