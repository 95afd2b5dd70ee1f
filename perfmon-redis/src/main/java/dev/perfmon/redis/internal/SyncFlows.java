package dev.perfmon.redis.internal;

import dev.perfmon.cache.Flight;
import dev.perfmon.core.RequestScope;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The blocking cache operations: Redis waits are bounded by the cache's timeout; loaders run on
 * the calling thread; joiners of another caller's load wait for it.
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
            return core.failures().fallback(failure, null);
        }
        return CacheCore.valueOrNull(core.answer(stored, scope));
    }

    public boolean put(String key, V value, long ttlMillis) {
        RequestScope scope = core.currentScope();
        core.forgetLoads(key);
        byte[] stored = core.encode(value, 0, ttlMillis);
        if (stored == null) {
            return false;
        }
        try {
            core.store().set(key, stored, ttlMillis, scope);
            return true;
        } catch (RedisFailure failure) {
            return core.failures().fallback(failure, false);
        }
    }

    public boolean invalidate(String key) {
        RequestScope scope = core.currentScope();
        core.recorder().invalidation();
        core.forgetLoads(key);
        try {
            return core.store().delete(key, scope) > 0;
        } catch (RedisFailure failure) {
            return core.failures().fallback(failure, false);
        }
    }

    public @Nullable V getOrLoad(String key, Supplier<? extends V> loader, long ttlMillis) {
        RequestScope scope = core.currentScope();
        if (core.singleFlight()) {
            Flight<V> flight = core.flights().joinable(key);
            if (flight != null) {
                return join(flight, scope, flight.afterMiss());
            }
        }
        boolean redisUp = true;
        byte[] stored = null;
        try {
            stored = core.store().get(key, scope);
        } catch (RedisFailure failure) {
            core.failures().fallback(failure, null);
            redisUp = false;
        }
        if (stored != null) {
            Object decoded = core.decode(stored);
            if (decoded != CacheCore.CODEC_FAILED) {
                V cached = CacheCore.valueOf(decoded);
                if (core.earlyDue(stored)) {
                    return recomputeEarly(key, loader, ttlMillis, scope, cached);
                }
                core.recorder().hit(scope);
                return cached;
            }
        }
        return load(key, loader, ttlMillis, scope, redisUp);
    }

    private @Nullable V load(String key, Supplier<? extends V> loader, long ttlMillis, @Nullable RequestScope scope, boolean redisUp) {
        if (core.singleFlight()) {
            Flight<V> mine = core.flights().newFlight(false, redisUp);
            Flight<V> other = core.flights().claim(key, mine);
            if (other != null) {
                return join(other, scope, redisUp);
            }
            return loadAndStore(key, loader, ttlMillis, scope, redisUp, mine, true);
        }
        Flight<V> record = core.flights().enter(key, core.duplicateLoads(), scope);
        return loadAndStore(key, loader, ttlMillis, scope, redisUp, record, false);
    }

    /**
     * Runs the loader as the one caller responsible for the key: takes the cross-instance lock
     * if configured (and serves another instance's value if one appears meanwhile), loads,
     * writes back, and hands the outcome to the joiners ({@code shared}) or leaves the
     * stampede record ({@code !shared}). The flight is settled in a {@code finally}: whatever
     * is thrown on the way, no joiner is left waiting and the key is not left marked as loading.
     * Every step of perfmon's own here is contained (meters, clock, lock, write-back), so what
     * reaches the caller is the loader's value or the loader's own exception.
     */
    private @Nullable V loadAndStore(String key, Supplier<? extends V> loader, long ttlMillis, @Nullable RequestScope scope,
                           boolean redisUp, Flight<V> flight, boolean shared) {
        V value = null;
        Throwable failure = null;
        boolean writingBack = false;
        try {
            LockOutcome held = redisUp ? core.acquireLock(key, scope) : LockOutcome.UNLOCKED;
            if (held.value != null) {
                Object decoded = core.decode(held.value);
                if (decoded != CacheCore.CODEC_FAILED) {
                    value = CacheCore.valueOf(decoded);
                    core.recorder().hit(scope);
                    return value;
                }
            }
            if (redisUp) {
                core.recorder().miss(scope);
            }
            long start = core.now();
            try {
                value = loader.get();
            } catch (Throwable loaderFailure) {
                core.loadFailed(key, held, core.since(start));
                throw loaderFailure;
            }
            long loadNanos = core.since(start);
            core.recorder().loaded(true, loadNanos);
            writingBack = true;
            core.writeBack(key, value, ttlMillis, loadNanos, flight, held, redisUp, shared);
            return value;
        } catch (Throwable thrown) {
            failure = thrown;
            throw thrown;
        } finally {
            core.settle(key, flight, shared, value, failure, writingBack);
        }
    }

    /**
     * XFetch picked this reader to refresh a value that is still cached. With single-flight,
     * only one reader per key does so and the others keep reading the cached value. A failed
     * refresh returns the cached value: it is still valid.
     */
    private @Nullable V recomputeEarly(String key, Supplier<? extends V> loader, long ttlMillis, @Nullable RequestScope scope,
                                     @Nullable V cached) {
        core.recorder().hit(scope);
        Flight<V> flight;
        boolean shared = core.singleFlight();
        if (shared) {
            flight = core.flights().newFlight(true, false);
            if (core.flights().claim(key, flight) != null) {
                return cached;
            }
        } else {
            flight = core.flights().enter(key);
        }
        V value = null;
        Throwable failure = null;
        boolean writingBack = false;
        try {
            core.recorder().earlyRecompute();
            long start = core.now();
            try {
                value = loader.get();
            } catch (Throwable loaderFailure) {
                failure = loaderFailure;
                core.loadFailed(key, LockOutcome.UNLOCKED, core.since(start));
                return cached;
            }
            long loadNanos = core.since(start);
            core.recorder().loaded(true, loadNanos);
            writingBack = true;
            core.writeBack(key, value, ttlMillis, loadNanos, flight, LockOutcome.UNLOCKED, true, shared);
            return value;
        } catch (Throwable thrown) {
            failure = thrown;
            throw thrown;
        } finally {
            core.settle(key, flight, shared, value, failure, writingBack);
        }
    }

    /**
     * Waits for another caller's load, counted by {@link CacheCore#joined}. The load's failure
     * reaches it unchanged.
     */
    private @Nullable V join(Flight<V> flight, @Nullable RequestScope scope, boolean missed) {
        core.joined(scope, missed);
        try {
            return flight.result().get();
        } catch (ExecutionException failure) {
            Throwable cause = failure.getCause();
            throw Throwables.rethrow(cause != null ? cause : failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException(
                    "interrupted while waiting for another caller's load of cache '" + core.settings().name() + "'");
            cancelled.initCause(interrupted);
            throw cancelled;
        }
    }
}
