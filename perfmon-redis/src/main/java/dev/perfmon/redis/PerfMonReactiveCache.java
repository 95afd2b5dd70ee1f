package dev.perfmon.redis;

import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The reactive view of a {@link PerfMonCache}: the same operations, metrics, counting and failure
 * behaviour, as lazy {@link Mono}s (nothing is sent to Redis until subscription). Obtain it with
 * {@link PerfMonCache#reactive()}.
 *
 * <p>Cancelling a subscription stops delivery to that subscriber only: the Redis command and any
 * shared load run to completion and are counted once. For the same reason the loader's
 * {@code Mono} is subscribed by the cache, not inside the caller's subscription: a Reactor
 * context written by the caller ({@code contextWrite}) does not reach it. The loader is called,
 * and its {@code Mono} subscribed, on the cache's
 * {@linkplain PerfMonCache.Builder#loaderExecutor(java.util.concurrent.Executor) loader executor}
 * (never on Lettuce's event loop or the JDK's delay scheduler), with the request scope of the
 * subscribing thread bound; that scope is the one the call records into.
 *
 * @param <V> the value type
 */
public final class PerfMonReactiveCache<V> {

    private final PerfMonAsyncCache<V> async;

    PerfMonReactiveCache(PerfMonAsyncCache<V> async) {
        this.async = async;
    }

    /** @return the cache's name */
    public String name() {
        return async.name();
    }

    /** @return the cached value, or empty on a miss (and on a fail-open Redis failure) */
    public Mono<V> get(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromFuture(() -> async.get(key).toCompletableFuture(), true);
    }

    /** Writes with the default TTL; emits whether Redis stored it. */
    public Mono<Boolean> put(String key, V value) {
        return put(key, value, async.defaultTtlMillis());
    }

    /** Writes with a TTL; emits whether Redis stored it. */
    public Mono<Boolean> put(String key, V value, Duration ttl) {
        return put(key, value, Checks.ttlMillis("ttl", ttl));
    }

    private Mono<Boolean> put(String key, V value, long ttlMillis) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, Checks.NULL_VALUE);
        return Mono.fromFuture(() -> async.put(key, value, ttlMillis).toCompletableFuture(), true);
    }

    /** Deletes a key; emits whether a value was deleted. */
    public Mono<Boolean> invalidate(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromFuture(() -> async.invalidate(key).toCompletableFuture(), true);
    }

    /** Same as {@link #invalidate(String)}. */
    public Mono<Boolean> delete(String key) {
        return invalidate(key);
    }

    /** {@link #getOrLoad(String, Supplier, Duration)} with the default TTL. */
    public Mono<V> getOrLoad(String key, Supplier<? extends Mono<? extends V>> loader) {
        return getOrLoad(key, loader, async.defaultTtlMillis());
    }

    /**
     * Emits the cached value, or loads, stores and emits it; see
     * {@link PerfMonCache#getOrLoad(String, Supplier, Duration)}. An empty loader {@code Mono} is
     * a {@code null} result (empty here too, unless negative caching is on: then cached as absent).
     */
    public Mono<V> getOrLoad(String key, Supplier<? extends Mono<? extends V>> loader, Duration ttl) {
        return getOrLoad(key, loader, Checks.ttlMillis("ttl", ttl));
    }

    private Mono<V> getOrLoad(String key, Supplier<? extends Mono<? extends V>> loader, long ttlMillis) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        return Mono.fromFuture(() -> async.getOrLoad(key, () -> loader.get().toFuture(), ttlMillis)
                .toCompletableFuture(), true);
    }

    @Override
    public String toString() {
        return "PerfMonReactiveCache[" + name() + ']';
    }
}
