package dev.perfmon.redis.internal;

import dev.perfmon.cache.Flight;
import dev.perfmon.core.RequestScope;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The non-blocking cache operations (the reactive view runs on them too): each sends its
 * command and hands the reply, when it comes, to {@link CacheCore}'s answer for that operation,
 * the same one the blocking view uses. A {@code getOrLoad} that served nothing goes on in a {@link FutureLoad}. Every
 * caller gets a future of its own, so cancelling it never cancels a load other callers share.
 *
 * @param <V> the value type
 */
public final class AsyncFlows<V> {

    private final CacheCore<V> core;

    public AsyncFlows(CacheCore<V> core) {
        this.core = core;
    }

    private @Nullable RequestScope scope() {
        RequestScope scope = core.currentScope();
        return scope == null ? null : scope.retain();
    }

    public CompletableFuture<V> get(String key) {
        RequestScope scope = scope();
        return core.store().getAsync(key, scope).handle((stored, failure) -> core.got(stored, failure, scope));
    }

    public CompletableFuture<Boolean> put(String key, V value, long ttlMillis) {
        RequestScope scope = scope();
        byte[] stored = core.toPut(key, value, ttlMillis);
        if (stored == null) {
            return CompletableFuture.completedFuture(Boolean.FALSE);
        }
        return core.store().setAsync(key, stored, ttlMillis, scope).handle((ok, failure) -> core.stored(failure));
    }

    public CompletableFuture<Boolean> invalidate(String key) {
        RequestScope scope = scope();
        core.invalidating(key);
        return core.store().deleteAsync(key, scope).handle(core::deleted);
    }

    public CompletableFuture<V> getOrLoad(String key, Supplier<? extends CompletionStage<? extends V>> loader,
                                          long ttlMillis) {
        RequestScope scope = scope();
        CompletableFuture<V> result = new CompletableFuture<>();
        Flight<V> other = core.inFlight(key);
        if (other != null) {
            new FutureLoad<>(core, key, loader, ttlMillis, scope, result).join(other, other.afterMiss());
        } else {
            core.store().getAsync(key, scope).whenComplete((stored, failure) ->
                    FutureLoad.afterRead(core, key, loader, ttlMillis, scope, result, stored, failure));
        }
        return result;
    }
}
