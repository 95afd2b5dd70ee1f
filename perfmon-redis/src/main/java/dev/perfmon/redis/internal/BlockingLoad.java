package dev.perfmon.redis.internal;

import dev.perfmon.cache.Flight;
import dev.perfmon.core.RequestScope;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * {@link LoadFlow} for a blocking caller: every step runs to its end on the calling thread (the
 * lock is polled there, the loader is invoked there, a joiner waits there), so the flow has
 * ended when the step that started it returns, and {@link #outcome()} hands its result over.
 *
 * @param <V> the value type
 */
final class BlockingLoad<V> extends LoadFlow<V> {

    private final Supplier<? extends V> loader;
    private @Nullable V value;
    private @Nullable Throwable failure;

    BlockingLoad(CacheCore<V> core, String key, Supplier<? extends V> loader, long ttlMillis, @Nullable RequestScope scope) {
        super(core, key, ttlMillis, scope);
        this.loader = loader;
    }

    /** @return the value; throws the loader's own failure (the same instance) or the refusal */
    @Nullable V outcome() {
        if (failure != null) {
            throw Throwables.rethrow(failure);
        }
        return value;
    }

    @Override
    void acquireLock() {
        afterLock(core.acquireLock(key, scope));
    }

    @Override
    void runLoader() {
        V loadedValue;
        try {
            loadedValue = loader.get();
        } catch (Throwable loaderFailure) {
            loaded(null, loaderFailure);
            return;
        }
        loaded(loadedValue, null);
    }

    /** A joiner interrupted while waiting gets {@link CancellationException} (interrupt flag kept); the load goes on. */
    @Override
    void await(Flight<V> other) {
        try {
            done(other.result().get(), null);
        } catch (ExecutionException loadFailure) {
            done(null, Throwables.unwrap(loadFailure));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException(
                    "interrupted while waiting for another caller's load of cache '" + core.settings().name() + "'");
            cancelled.initCause(interrupted);
            done(null, cancelled);
        }
    }

    @Override
    void done(@Nullable V result, @Nullable Throwable thrown) {
        value = result;
        failure = thrown;
    }
}
