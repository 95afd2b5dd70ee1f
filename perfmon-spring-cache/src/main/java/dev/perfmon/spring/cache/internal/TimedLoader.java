package dev.perfmon.spring.cache.internal;

import dev.perfmon.cache.CacheRecorder;
import dev.perfmon.cache.Flight;
import dev.perfmon.cache.Flights;
import dev.perfmon.core.RequestScope;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.Callable;

/**
 * The loader handed to the decorated cache's {@code get(key, Callable)}: when the cache calls
 * it, the lookup was a miss, so it counts the miss, times the load ({@code cache.loads}) and,
 * without single-flight, registers the load for stampede detection. Afterwards the decorator
 * reads whether it ran and how it ended to count the call exactly once. The loader's own
 * exception passes through unchanged.
 *
 * @param <T> the value type
 */
public final class TimedLoader<T> implements Callable<T> {

    private final Callable<T> loader;
    private final CacheRecorder recorder;
    private final @Nullable RequestScope scope;
    private final Object key;
    /** Where loads register for stampede detection, or {@code null} with single-flight. */
    private final @Nullable Flights<Object> loads;
    private final Flights.DuplicateLoads duplicates;
    private volatile boolean invoked;
    private volatile boolean failed;

    public TimedLoader(Callable<T> loader, CacheRecorder recorder, @Nullable RequestScope scope, Object key,
                       @Nullable Flights<Object> loads, Flights.DuplicateLoads duplicates) {
        this.loader = loader;
        this.recorder = recorder;
        this.scope = scope;
        this.key = key;
        this.loads = loads;
        this.duplicates = duplicates;
    }

    @Override
    public @Nullable T call() throws Exception {
        invoked = true;
        recorder.miss(scope);
        Flight<Object> record = enter();
        long start = recorder.monotonicTime();
        try {
            T value = loader.call();
            recorder.loaded(true, since(start));
            return value;
        } catch (Throwable loadFailure) {
            failed = true;
            recorder.loaded(false, since(start));
            throw loadFailure;
        } finally {
            exit(record);
        }
    }

    /** @return whether the cache called the loader (the lookup was a miss) */
    public boolean invoked() {
        return invoked;
    }

    /** @return whether the loader threw */
    public boolean failed() {
        return failed;
    }

    private @Nullable Flight<Object> enter() {
        if (loads == null) {
            return null;
        }
        try {
            return loads.enter(key, duplicates, scope);
        } catch (Throwable unexpected) {
            recorder.failed(unexpected);
            return null;
        }
    }

    private void exit(@Nullable Flight<Object> record) {
        if (record == null || loads == null) {
            return;
        }
        try {
            loads.exit(key, record);
        } catch (Throwable unexpected) {
            recorder.failed(unexpected);
        }
    }

    private long since(long start) {
        if (start == Long.MIN_VALUE) {
            return 0L;
        }
        long end = recorder.monotonicTime();
        return end == Long.MIN_VALUE ? 0L : end - start;
    }
}
