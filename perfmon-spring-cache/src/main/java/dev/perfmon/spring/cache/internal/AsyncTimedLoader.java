package dev.perfmon.spring.cache.internal;

import dev.perfmon.cache.CacheRecorder;
import dev.perfmon.core.RequestScope;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The loader handed to the decorated cache's {@code retrieve(key, Supplier)}: when the cache
 * calls it, the lookup was a miss, so it counts the miss and times the load until the loader's
 * future completes. The loader's future is returned as it is.
 *
 * @param <T> the value type
 */
public final class AsyncTimedLoader<T> implements Supplier<CompletableFuture<T>> {

    private final Supplier<CompletableFuture<T>> loader;
    private final CacheRecorder recorder;
    private final @Nullable RequestScope scope;
    private volatile boolean invoked;

    public AsyncTimedLoader(Supplier<CompletableFuture<T>> loader, CacheRecorder recorder, @Nullable RequestScope scope) {
        this.loader = loader;
        this.recorder = recorder;
        this.scope = scope;
    }

    @Override
    public @Nullable CompletableFuture<T> get() {
        invoked = true;
        recorder.miss(scope);
        long start = recorder.monotonicTime();
        CompletableFuture<T> loading;
        try {
            loading = loader.get();
        } catch (RuntimeException | Error failure) {
            recorder.loaded(false, since(start));
            throw failure;
        }
        if (loading == null) {
            recorder.loaded(false, since(start));
            return null;
        }
        loading.whenComplete((value, failure) -> recorder.loaded(failure == null, since(start)));
        return loading;
    }

    /** @return whether the cache called the loader (the lookup was a miss) */
    public boolean invoked() {
        return invoked;
    }

    private long since(long start) {
        if (start == Long.MIN_VALUE) {
            return 0L;
        }
        long end = recorder.monotonicTime();
        return end == Long.MIN_VALUE ? 0L : end - start;
    }
}
