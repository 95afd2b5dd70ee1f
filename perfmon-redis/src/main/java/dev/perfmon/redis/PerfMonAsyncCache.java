package dev.perfmon.redis;

import dev.perfmon.redis.internal.AsyncFlows;
import dev.perfmon.redis.internal.CacheSettings;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The non-blocking view of a {@link PerfMonCache}: the same operations, metrics, counting and
 * failure behaviour, returning {@link CompletionStage}s. Obtain it with {@link PerfMonCache#async()}.
 *
 * <p>Each call returns a stage of its own: cancelling it (through {@code toCompletableFuture()})
 * never cancels a load other callers share. Loaders are invoked on the cache's
 * {@linkplain PerfMonCache.Builder#loaderExecutor(java.util.concurrent.Executor) loader executor}
 * (default {@link java.util.concurrent.ForkJoinPool#commonPool()}), never on Lettuce's event loop
 * or the JDK's delay scheduler. Stages complete on the thread that finished the step before
 * (Lettuce's event loop, the JDK's delay scheduler after a timeout, or the thread that completed
 * the loader's stage), as with Lettuce's own futures: use the {@code *Async} methods of
 * {@code CompletionStage} for blocking continuations. The request scope of the calling thread is
 * captured when the method is called; the loader is invoked with it bound, on the executor's
 * thread, so what the loader records there (SQL time, counters) counts for that request.
 *
 * @param <V> the value type
 */
public final class PerfMonAsyncCache<V> {

    private final AsyncFlows<V> flows;
    private final CacheSettings settings;

    PerfMonAsyncCache(AsyncFlows<V> flows, CacheSettings settings) {
        this.flows = flows;
        this.settings = settings;
    }

    /** @return the cache's name */
    public String name() {
        return settings.name();
    }

    /** @return the cached value, or {@code null} on a miss (and on a fail-open Redis failure) */
    public CompletionStage<V> get(String key) {
        return flows.get(Objects.requireNonNull(key, "key"));
    }

    /** Writes with the default TTL; completes with whether Redis stored it. */
    public CompletionStage<Boolean> put(String key, V value) {
        return put(key, value, settings.defaultTtlMillis());
    }

    /** Writes with a TTL; completes with whether Redis stored it. */
    public CompletionStage<Boolean> put(String key, V value, Duration ttl) {
        return put(key, value, Checks.ttlMillis("ttl", ttl));
    }

    CompletionStage<Boolean> put(String key, V value, long ttlMillis) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, Checks.NULL_VALUE);
        return flows.put(key, value, ttlMillis);
    }

    /** Deletes a key; completes with whether a value was deleted. */
    public CompletionStage<Boolean> invalidate(String key) {
        return flows.invalidate(Objects.requireNonNull(key, "key"));
    }

    /** Same as {@link #invalidate(String)}. */
    public CompletionStage<Boolean> delete(String key) {
        return invalidate(key);
    }

    /** {@link #getOrLoad(String, Supplier, Duration)} with the default TTL. */
    public CompletionStage<V> getOrLoad(String key, Supplier<? extends CompletionStage<? extends V>> loader) {
        return getOrLoad(key, loader, settings.defaultTtlMillis());
    }

    /**
     * Returns the cached value, or loads, stores and returns it; see
     * {@link PerfMonCache#getOrLoad(String, Supplier, Duration)}.
     *
     * @param loader starts the load and returns its stage; invoked on the cache's loader executor
     *     with the caller's scope bound (give the builder an executor of its own for a loader that
     *     blocks); a {@code null} result is handled as described for nulls
     */
    public CompletionStage<V> getOrLoad(String key, Supplier<? extends CompletionStage<? extends V>> loader,
                                        Duration ttl) {
        return getOrLoad(key, loader, Checks.ttlMillis("ttl", ttl));
    }

    CompletionStage<V> getOrLoad(String key, Supplier<? extends CompletionStage<? extends V>> loader, long ttlMillis) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        return flows.getOrLoad(key, loader, ttlMillis);
    }

    long defaultTtlMillis() {
        return settings.defaultTtlMillis();
    }

    @Override
    public String toString() {
        return "PerfMonAsyncCache[" + name() + ']';
    }
}
