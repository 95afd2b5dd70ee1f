package dev.perfmon.redis.internal;

import dev.perfmon.cache.Flight;
import dev.perfmon.core.RequestScope;
import org.jspecify.annotations.Nullable;

/**
 * One {@code getOrLoad} call from the moment its read served nothing (or a load of the key was
 * already in flight), written once for every caller: join another caller's load, or lead one
 * (the cross-instance lock if configured, the loader, the write-back, settling the flight), or
 * refresh a value still cached (XFetch). The steps that wait are the subclasses': a blocking
 * caller ({@link BlockingLoad}) runs each one to its end on its own thread, so the whole flow
 * has ended when the first step returns; a non-blocking caller ({@link FutureLoad}) continues
 * when the step's future completes, on the thread that completed it. Each waiting step calls
 * back exactly once: {@link #acquireLock} into {@link #afterLock}, {@link #runLoader} into
 * {@link #loaded}, {@link #await} and every end of the flow into {@link #done}.
 *
 * <p>From the claim of a flight on, every path ends in exactly one {@link CacheCore#settle}, so no
 * joiner is left waiting and the key is not left marked as loading, whatever throws; every step
 * of perfmon's own is contained, so what reaches the caller is a value, the loader's own
 * failure, or the {@link FailurePolicy}'s refusal. Hits are served before a flow exists, so a
 * blocking hit allocates nothing.
 *
 * @param <V> the value type
 */
abstract class LoadFlow<V> {

    final CacheCore<V> core;
    final String key;
    final long ttlMillis;
    final @Nullable RequestScope scope;
    /** Whether the read got an answer from Redis: a load after a failure counts neither hit nor miss and writes nothing back. */
    private boolean redisUp = true;
    /** The flight this caller leads; claimed by {@link #lead} or {@link #recomputeEarly} before any step reads it. */
    private @Nullable Flight<V> flight;
    /** Whether {@link #flight} is shared with joiners (single-flight) rather than a stampede record. */
    private boolean shared;
    private LockOutcome held = LockOutcome.UNLOCKED;
    private long start = Guard.NO_TIME;
    /** Refreshing a value still cached: a failed refresh serves {@link #cached}. */
    private boolean early;
    private @Nullable V cached;

    LoadFlow(CacheCore<V> core, String key, long ttlMillis, @Nullable RequestScope scope) {
        this.core = core;
        this.key = key;
        this.ttlMillis = ttlMillis;
        this.scope = scope;
    }

    // ---- how this caller waits -------------------------------------------------------------

    /** Takes the cross-instance lock (or waits for another instance's value), then {@link #afterLock}. */
    abstract void acquireLock();

    /** Invokes the loader, then {@link #loaded} exactly once, with its value or its failure. */
    abstract void runLoader();

    /** Waits for another caller's load, then {@link #done} with its outcome. */
    abstract void await(Flight<V> other);

    /** Hands the outcome to the caller: a value, or a failure it gets unchanged. */
    abstract void done(@Nullable V value, @Nullable Throwable failure);

    // ---- the flow ----------------------------------------------------------------------------

    /**
     * Joins another caller's load: counted as {@code perfmon.cache.coalesced} and, when the key
     * was absent from Redis ({@code missed}), as a miss; never as a hit.
     */
    final void join(Flight<V> other, boolean missed) {
        core.joined(scope, missed);
        await(other);
    }

    /**
     * After a read that served nothing.
     *
     * @param next what {@link CacheCore#afterRead} left to do
     * @param failure the read's failure, or {@code null}
     */
    final void afterRead(LoadNeeded next, @Nullable Throwable failure) {
        if (next.early()) {
            recomputeEarly(CacheCore.valueOf(next.cached));
            return;
        }
        if (failure != null) {
            RuntimeException refused = core.refusal(failure);
            if (refused != null) {
                done(null, refused);
                return;
            }
            redisUp = false;
        }
        if (core.singleFlight()) {
            Flight<V> mine = core.flights().newFlight(false, redisUp);
            Flight<V> other = core.flights().claim(key, mine);
            if (other != null) {
                join(other, redisUp);
            } else {
                lead(mine, true);
            }
            return;
        }
        lead(core.flights().enter(key, core.duplicateLoads(), scope), false);
    }

    private void lead(Flight<V> mine, boolean isShared) {
        flight = mine;
        shared = isShared;
        if (redisUp && core.lock().enabled()) {
            acquireLock();
        } else {
            afterLock(LockOutcome.UNLOCKED);
        }
    }

    /** With the lock held, or without it: serves another instance's value if one appeared, otherwise loads. */
    final void afterLock(@Nullable LockOutcome outcome) {
        held = outcome == null ? LockOutcome.UNLOCKED : outcome;
        V value = null;
        boolean served = false;
        try {
            if (held.value != null) {
                Object decoded = core.decode(held.value);
                if (decoded != CacheCore.CODEC_FAILED) {
                    value = CacheCore.valueOf(decoded);
                    core.recorder().hit(scope);
                    served = true;
                }
            }
        } catch (Throwable unexpected) {
            core.internalFailure(unexpected);
        }
        if (served) {
            core.settle(key, led(), shared, value, null, false);
            done(value, null);
            return;
        }
        startLoader();
    }

    /**
     * XFetch picked this reader to refresh a value that is still cached. With single-flight,
     * only one reader per key does so and the others keep reading the cached value. A failed
     * refresh serves the cached value: it is still valid.
     */
    private void recomputeEarly(@Nullable V stillCached) {
        early = true;
        cached = stillCached;
        core.recorder().hit(scope);
        shared = core.singleFlight();
        if (shared) {
            Flight<V> mine = core.flights().newFlight(true, false);
            flight = mine;
            if (core.flights().claim(key, mine) != null) {
                done(stillCached, null);
                return;
            }
        } else {
            flight = core.flights().enter(key);
        }
        startLoader();
    }

    /** Counts the load (an early refresh, or a miss when Redis answered), starts its clock and runs the loader. */
    private void startLoader() {
        try {
            if (early) {
                core.recorder().earlyRecompute();
            } else if (redisUp) {
                core.recorder().miss(scope);
            }
            start = core.now();
        } catch (Throwable unexpected) {
            // Bookkeeping only: the load goes on, so the flight is settled by its outcome.
            core.internalFailure(unexpected);
        }
        runLoader();
    }

    /**
     * After the loader: times it, writes the value back (or, after a failure, releases the
     * lock), settles the flight and ends the flow. Every step of perfmon's own is contained; the
     * flight is settled and the flow ended in a {@code finally}, so neither the caller nor a
     * joiner is ever left waiting.
     *
     * @param failure the loader's own failure (without the wrappers of futures), or {@code null}
     */
    final void loaded(@Nullable V value, @Nullable Throwable failure) {
        boolean lockHandled = false;
        boolean writingBack = false;
        try {
            long loadNanos = core.since(start);
            if (failure != null) {
                lockHandled = true;
                core.loadFailed(key, held, loadNanos);
            } else {
                core.recorder().loaded(true, loadNanos);
                lockHandled = true;
                writingBack = true;
                core.writeBack(key, value, ttlMillis, loadNanos, led(), held, redisUp, shared);
            }
        } catch (Throwable unexpected) {
            core.internalFailure(unexpected);
            if (!lockHandled) {
                core.releaseLock(key, held);
            }
        } finally {
            core.settle(key, led(), shared, value, failure, writingBack);
            if (failure == null) {
                done(value, null);
            } else if (early) {
                done(cached, null);
            } else {
                done(null, failure);
            }
        }
    }

    /** @return the flight this caller leads; every step that reads it runs after {@link #lead} or {@link #recomputeEarly} */
    private Flight<V> led() {
        Flight<V> mine = flight;
        if (mine == null) {
            throw new IllegalStateException("a load step ran before its flight was claimed");
        }
        return mine;
    }
}
