package dev.perfmon.redis.internal;

import dev.perfmon.cache.Flight;
import dev.perfmon.core.RequestScope;
import org.jspecify.annotations.Nullable;

import java.util.function.Supplier;

/**
 * The blocking cache operations: each sends its command, waits for the reply (bounded by the
 * cache's timeout) and hands it to {@link CacheCore}'s answer for that operation, the same one
 * the non-blocking view uses. A {@code getOrLoad} that served nothing goes on in a
 * {@link BlockingLoad}; a hit is served before one exists, so it allocates nothing.
 *
 * @param <V> the value type
 */
public final class SyncFlows<V> {

    private final CacheCore<V> core;

    public SyncFlows(CacheCore<V> core) {
        this.core = core;
    }

    public @Nullable V get(String key) {
        RequestScope scope = core.currentScope();
        byte[] stored;
        try {
            stored = core.store().get(key, scope);
        } catch (RedisFailure failure) {
            return core.got(null, failure, scope);
        }
        return core.got(stored, null, scope);
    }

    public boolean put(String key, V value, long ttlMillis) {
        RequestScope scope = core.currentScope();
        byte[] stored = core.toPut(key, value, ttlMillis);
        if (stored == null) {
            return false;
        }
        try {
            core.store().set(key, stored, ttlMillis, scope);
        } catch (RedisFailure failure) {
            return core.stored(failure);
        }
        return core.stored(null);
    }

    public boolean invalidate(String key) {
        RequestScope scope = core.currentScope();
        core.invalidating(key);
        long deleted;
        try {
            deleted = core.store().delete(key, scope);
        } catch (RedisFailure failure) {
            return core.deleted(null, failure);
        }
        return core.deleted(deleted, null);
    }

    public @Nullable V getOrLoad(String key, Supplier<? extends V> loader, long ttlMillis) {
        RequestScope scope = core.currentScope();
        Flight<V> other = core.inFlight(key);
        if (other != null) {
            BlockingLoad<V> joiner = new BlockingLoad<>(core, key, loader, ttlMillis, scope);
            joiner.join(other, other.afterMiss());
            return joiner.outcome();
        }
        byte[] stored = null;
        RedisFailure failure = null;
        try {
            stored = core.store().get(key, scope);
        } catch (RedisFailure readFailure) {
            failure = readFailure;
        }
        Object answer = core.afterRead(stored, failure, scope);
        if (!(answer instanceof LoadNeeded)) {
            return CacheCore.valueOf(answer);
        }
        BlockingLoad<V> load = new BlockingLoad<>(core, key, loader, ttlMillis, scope);
        load.afterRead((LoadNeeded) answer, failure);
        return load.outcome();
    }
}
