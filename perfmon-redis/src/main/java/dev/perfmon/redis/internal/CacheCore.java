package dev.perfmon.redis.internal;

import dev.perfmon.cache.CacheErrorCause;
import dev.perfmon.cache.CacheOperation;
import dev.perfmon.cache.CacheRecorder;
import dev.perfmon.cache.Flight;
import dev.perfmon.cache.Flights;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeActivation;
import dev.perfmon.redis.ValueCodec;
import io.micrometer.core.instrument.Clock;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;

/**
 * What the synchronous, asynchronous and reactive views of one cache share: settings, the
 * recorder, the {@link CacheStore}, the {@link FailurePolicy}, the in-flight loads, the optional
 * lock and early recomputation, each operation's answer to its reply (the same for every view:
 * only how the reply is waited for differs), and the steps of the one {@link LoadFlow} (decoding,
 * counting a joiner, writing back, settling a flight). It knows no Redis client: the store is
 * given to it. Loads are shared across views, so a synchronous caller
 * may join an asynchronous caller's load and the other way round.
 *
 * @param <V> the value type
 */
public final class CacheCore<V> {

    /** Decoding result: the stored bytes could not be decoded (already counted). */
    static final Object CODEC_FAILED = new Object();
    /** Decoding result: a cached {@code null} (negative caching). */
    static final Object NULL_VALUE = new Object();

    /** Builds the store of a cache once its recorder and guard exist. */
    @FunctionalInterface
    public interface StoreFactory {
        /** @return the store, counting its failures and puts in {@code recorder} */
        CacheStore create(CacheRecorder recorder, Guard guard);
    }

    private final PerfMon perfMon;
    private final Clock clock;
    private final Guard guard;
    private final CacheSettings settings;
    private final ValueCodec<V> codec;
    private final CacheRecorder recorder;
    private final CacheStore store;
    private final FailurePolicy failures;
    private final Flights<V> flights;
    /** Where {@link Flights#enter(String, Flights.DuplicateLoads, RequestScope)} reports stampedes; one instance, no allocation per call. */
    private final Flights.DuplicateLoads duplicateLoads;
    private final LoadLock lock;
    private final EarlyRecomputation early;

    public CacheCore(PerfMon perfMon, ValueCodec<V> codec, CacheSettings settings, StoreFactory stores) {
        this.perfMon = perfMon;
        this.clock = perfMon.clock();
        this.guard = new Guard(perfMon, clock);
        this.settings = settings;
        this.codec = codec;
        this.recorder = CacheRecorder.builder(perfMon, settings.name()).component(Guard.COMPONENT)
                .stampedeEventInterval(settings.stampedeEventInterval()).build();
        this.store = stores.create(recorder, guard);
        this.failures = FailurePolicy.of(settings.failClosed(), settings.name());
        this.flights = new Flights<>(settings.maxInFlightLoads());
        this.duplicateLoads = recorder::duplicateLoad;
        this.lock = settings.lockLeaseMillis() > 0
                ? LoadLock.redis(store, recorder, guard, clock, settings.lockLeaseMillis(), settings.lockMaxWaitNanos())
                : LoadLock.NONE;
        this.early = settings.earlyRecomputationBeta() > 0
                ? EarlyRecomputation.xfetch(settings.earlyRecomputationBeta())
                : EarlyRecomputation.NONE;
    }

    /** @return the settings */
    public CacheSettings settings() {
        return settings;
    }

    /** @return keys being loaded now */
    public int loadsInFlight() {
        return flights.size();
    }

    /** @return commands awaiting a reply now */
    public int pendingCommands() {
        return store.pendingCommands();
    }

    CacheStore store() {
        return store;
    }

    CacheRecorder recorder() {
        return recorder;
    }

    Flights<V> flights() {
        return flights;
    }

    Flights.DuplicateLoads duplicateLoads() {
        return duplicateLoads;
    }

    LoadLock lock() {
        return lock;
    }

    boolean singleFlight() {
        return settings.singleFlight();
    }

    /** @return a load of the key in flight that {@code getOrLoad} joins instead of reading Redis, or {@code null} */
    @Nullable Flight<V> inFlight(String key) {
        return settings.singleFlight() ? flights.joinable(key) : null;
    }

    /** @return the request scope of the calling thread, or {@code null} */
    @Nullable RequestScope currentScope() {
        return perfMon.currentScope();
    }

    /**
     * What a read answered, counted: a hit (the value, or {@link #NULL_VALUE} for a cached
     * {@code null}) or a miss ({@link #CODEC_FAILED} for stored bytes that did not decode,
     * counted as a codec error too, or {@code null} for an absent key). One step for both flows.
     *
     * @return the decoded value, {@link #NULL_VALUE}, or {@code null} / {@link #CODEC_FAILED} for a miss
     */
    @Nullable Object answer(byte @Nullable [] stored, @Nullable RequestScope scope) {
        if (stored != null) {
            Object decoded = decode(stored);
            if (decoded != CODEC_FAILED) {
                recorder.hit(scope);
                return decoded;
            }
            recorder.miss(scope);
            return CODEC_FAILED;
        }
        recorder.miss(scope);
        return null;
    }

    /**
     * {@code get}'s answer to its read: the value, or {@code null} on a miss or a cached
     * {@code null}; after a Redis failure the {@link FailurePolicy} decides.
     *
     * @param failure the read's failure, or {@code null}
     */
    @Nullable V got(byte @Nullable [] stored, @Nullable Throwable failure, @Nullable RequestScope scope) {
        if (failure != null) {
            goOnWithoutRedis(failure);
            return null;
        }
        return valueOrNull(answer(stored, scope));
    }

    /**
     * {@code getOrLoad}'s answer to its read: the value to serve (a hit, counted; {@link #NULL_VALUE}
     * for a cached {@code null}), or what is left to do ({@link LoadNeeded}, nothing counted yet:
     * the miss is counted by whoever loads or joins).
     *
     * @param failure the read's failure, or {@code null}
     */
    Object afterRead(byte @Nullable [] stored, @Nullable Throwable failure, @Nullable RequestScope scope) {
        if (failure != null) {
            return LoadNeeded.AFTER_FAILURE;
        }
        if (stored != null) {
            Object decoded = decode(stored);
            if (decoded != CODEC_FAILED) {
                if (earlyDue(stored)) {
                    return LoadNeeded.early(decoded);
                }
                recorder.hit(scope);
                return decoded;
            }
        }
        return LoadNeeded.MISS;
    }

    /** @return the bytes {@code put} stores, or {@code null} for nothing to store; in-flight loads of the key will not write back */
    byte @Nullable [] toPut(String key, V value, long ttlMillis) {
        forgetLoads(key);
        return encode(value, 0, ttlMillis);
    }

    /** Counts an invalidation; in-flight loads of the key will not write back. */
    void invalidating(String key) {
        recorder.invalidation();
        forgetLoads(key);
    }

    /** @return {@code put}'s answer: whether Redis stored the value; after a failure the {@link FailurePolicy} decides */
    boolean stored(@Nullable Throwable failure) {
        if (failure == null) {
            return true;
        }
        goOnWithoutRedis(failure);
        return false;
    }

    /** @return {@code invalidate}'s answer: whether a value was deleted; after a failure the {@link FailurePolicy} decides */
    boolean deleted(@Nullable Long count, @Nullable Throwable failure) {
        if (failure == null) {
            return count != null && count > 0;
        }
        goOnWithoutRedis(failure);
        return false;
    }

    /**
     * The one place a Redis failure (already counted) meets the cache's {@link FailurePolicy}.
     *
     * @return what ends the operation, or {@code null} when it goes on without Redis
     */
    @Nullable RuntimeException refusal(Throwable failure) {
        return failures.refusal(redisFailure(failure));
    }

    /**
     * Returns when the operation goes on without Redis (fail-open).
     *
     * @throws RuntimeException the {@link #refusal} (fail-closed)
     */
    private void goOnWithoutRedis(Throwable failure) {
        RuntimeException refused = refusal(failure);
        if (refused != null) {
            throw refused;
        }
    }

    /** @return whether {@link #answer} (or {@link #decode}) found a value, a cached {@code null} included */
    static boolean found(@Nullable Object answer) {
        return answer != null && answer != CODEC_FAILED;
    }

    /**
     * Counts a caller that joins another caller's load: {@code perfmon.cache.coalesced}, never a
     * hit (nothing was served from Redis); also a miss when the key was absent from Redis
     * ({@code missed}); after a Redis failure neither (the failure is counted once, by whoever
     * saw it).
     */
    void joined(@Nullable RequestScope scope, boolean missed) {
        recorder.coalesced();
        if (missed) {
            recorder.miss(scope);
        }
    }

    /** @return the value, {@link #NULL_VALUE}, or {@link #CODEC_FAILED} (counted) */
    Object decode(byte[] stored) {
        int offset = early.payloadOffset(stored);
        if (NullMarker.matches(stored, offset)) {
            return NULL_VALUE;
        }
        try {
            V value = codec.decode(stored, offset, stored.length - offset);
            if (value != null) {
                return value;
            }
        } catch (Throwable badValue) {
            // Whatever the codec throws (an Error too) falls through: counted, and the caller
            // treats it as a miss that overwrites it.
        }
        recorder.error(CacheOperation.GET, CacheErrorCause.CODEC);
        return CODEC_FAILED;
    }

    @SuppressWarnings("unchecked")
    static <V> @Nullable V valueOf(@Nullable Object decoded) {
        return decoded == NULL_VALUE ? null : (V) decoded;
    }

    /** @return the value {@link #answer} found, or {@code null} for a miss or a cached {@code null} */
    static <V> @Nullable V valueOrNull(@Nullable Object answer) {
        return found(answer) ? valueOf(answer) : null;
    }

    /**
     * @return the bytes to store, or {@code null} when there is nothing to store: a {@code null}
     *     value without negative caching, or a value the codec rejected (counted); the bytes go
     *     without the early-recomputation header if adding it failed (recorded): such a value is
     *     read as it is and never recomputed early
     */
    byte @Nullable [] encode(@Nullable V value, long loadNanos, long ttlMillis) {
        byte[] payload;
        if (value == null) {
            if (settings.negativeTtlMillis() <= 0) {
                return null;
            }
            payload = NullMarker.bytes();
        } else {
            try {
                payload = codec.encode(value);
            } catch (Throwable badValue) {
                // Whatever the codec throws (an Error too): counted, and the value is served uncached.
                payload = null;
            }
            if (payload == null) {
                recorder.error(CacheOperation.PUT, CacheErrorCause.CODEC);
                return null;
            }
        }
        if (!early.enabled()) {
            return payload;
        }
        try {
            return early.wrap(payload, loadNanos, ttlMillis, clock.wallTime());
        } catch (Throwable unexpected) {
            internalFailure(unexpected);
            return payload;
        }
    }

    /**
     * @return whether this reader should recompute the cached value early; {@code false} if
     *     deciding failed (recorded)
     */
    boolean earlyDue(byte[] stored) {
        if (!early.enabled()) {
            return false;
        }
        try {
            return early.due(stored, clock.wallTime());
        } catch (Throwable unexpected) {
            internalFailure(unexpected);
            return false;
        }
    }

    long ttlFor(@Nullable V value, long ttlMillis) {
        return value == null ? settings.negativeTtlMillis() : ttlMillis;
    }

    /**
     * Writes a loaded value back (unless Redis just failed, there is nothing to store, or the key
     * was invalidated since the load started), releases the lock after the write, and forgets a
     * single-flight flight once Redis acknowledged the write, so that readers arriving until
     * then join it instead of missing. Never throws: a failure of perfmon's own on the way is
     * recorded ({@link PerfMon#recordFailure}), the lock is released all the same (other
     * instances would otherwise wait out its lease), and the flight is then forgotten at once,
     * so the caller can always complete it and serve the value.
     */
    void writeBack(String key, @Nullable V value, long ttlMillis, long loadNanos, Flight<V> flight, LockOutcome held,
                   boolean redisUp, boolean shared) {
        boolean removalScheduled = false;
        try {
            byte[] stored = redisUp ? encode(value, loadNanos, ttlMillis) : null;
            CompletableFuture<?>[] ack = new CompletableFuture<?>[1];
            if (stored != null) {
                long ttl = ttlFor(value, ttlMillis);
                flight.writeUnlessInvalidated(() -> ack[0] = store.setAsync(key, stored, ttl, null));
            }
            if (shared && ack[0] != null) {
                ack[0].whenComplete((ok, failure) -> flights.remove(key, flight));
                removalScheduled = true;
            }
        } catch (Throwable unexpected) {
            internalFailure(unexpected);
        } finally {
            // After the write was sent (or failed to be): Redis runs the release after the write.
            releaseLock(key, held);
            if (shared && !removalScheduled) {
                forget(key, flight);
            }
        }
    }

    /**
     * Ends a flight this caller led: completes the shared outcome, which joiners wait for, and
     * forgets the flight unless {@link #writeBack} took that over (it forgets it on Redis's
     * acknowledgement); without single-flight, leaves the stampede record. Call it exactly once
     * per led flight, in a {@code finally}, whatever happened since the flight was claimed.
     * Never throws: the shared outcome is completed before anything else is tried.
     *
     * @param failure the loader's failure (every joiner gets it unchanged), or {@code null}
     * @param writingBack whether {@link #writeBack} was entered for this flight
     */
    void settle(String key, Flight<V> flight, boolean shared, @Nullable V value, @Nullable Throwable failure,
                boolean writingBack) {
        if (!shared) {
            try {
                flights.exit(key, flight);
            } catch (Throwable unexpected) {
                internalFailure(unexpected);
            }
            return;
        }
        if (failure == null) {
            flight.result().complete(value);
        } else {
            flight.result().completeExceptionally(failure);
        }
        if (!writingBack) {
            forget(key, flight);
        }
    }

    private void forget(String key, Flight<V> flight) {
        try {
            flights.remove(key, flight);
        } catch (Throwable unexpected) {
            internalFailure(unexpected);
        }
    }

    /**
     * After a failed loader: times the failed load and releases the lock. A failure of perfmon's
     * own here is recorded, never thrown, so the loader's exception is what reaches the callers.
     */
    void loadFailed(String key, LockOutcome held, long loadNanos) {
        recorder.loaded(false, loadNanos);
        releaseLock(key, held);
    }

    /**
     * Takes the cross-instance lock on the calling thread; if that fails unexpectedly (recorded),
     * the caller loads without it.
     */
    LockOutcome acquireLock(String key, @Nullable RequestScope scope) {
        try {
            return lock.acquire(key, scope);
        } catch (Throwable unexpected) {
            internalFailure(unexpected);
            return LockOutcome.UNLOCKED;
        }
    }

    /** Releases the lock if this caller holds it. Never throws (a failure is recorded). */
    void releaseLock(String key, LockOutcome held) {
        try {
            lock.release(key, held);
        } catch (Throwable unexpected) {
            internalFailure(unexpected);
        }
    }

    /** Records a failure of perfmon's own (counted and logged once by core); the caller carries on. */
    void internalFailure(Throwable failure) {
        guard.failed(failure);
    }

    /** Forgets in-flight loads of the key so none writes back a value older than this change. */
    void forgetLoads(String key) {
        flights.invalidate(key);
    }

    static RedisFailure redisFailure(Throwable failure) {
        Throwable cause = Throwables.unwrap(failure);
        if (cause instanceof RedisFailure) {
            return (RedisFailure) cause;
        }
        return new RedisFailure(CacheOperation.GET, LettuceErrors.of(cause), cause);
    }

    /**
     * Binds the scope while the loader starts, so its own instrumentation (SQL time) lands in it.
     *
     * @return the activation to close, or {@code null} without a scope or if binding it failed
     *     (recorded: the loader then runs unbound)
     */
    @Nullable ScopeActivation activate(@Nullable RequestScope scope) {
        if (scope == null) {
            return null;
        }
        try {
            return scope.activate();
        } catch (Throwable unexpected) {
            internalFailure(unexpected);
            return null;
        }
    }

    /** Closes what {@link #activate} returned. Never throws (a failure is recorded). */
    void deactivate(@Nullable ScopeActivation activation) {
        if (activation == null) {
            return;
        }
        try {
            activation.close();
        } catch (Throwable unexpected) {
            internalFailure(unexpected);
        }
    }

    /** @return the monotonic time, or {@link Guard#NO_TIME} if the clock failed (recorded) */
    long now() {
        return guard.now();
    }

    /** @return nanoseconds since {@code start} (from {@link #now()}), or 0 if a clock reading failed */
    long since(long start) {
        return guard.nanosSince(start);
    }
}
