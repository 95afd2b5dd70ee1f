package dev.perfmon.redis.internal;

import dev.perfmon.cache.Flight;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeActivation;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The non-blocking cache operations, the same flows as {@link SyncFlows} over futures. Every
 * caller gets a future of its own, so cancelling it never cancels a load other callers share.
 * Loaders are invoked on the cache's loader executor, with the caller's scope bound. Other
 * continuations run on the thread that completed the step before: Lettuce's event loop for
 * replies, the JDK's delay scheduler after a timeout, the loader's stage's thread after a load
 * (as with Lettuce itself, move blocking work elsewhere with the {@code *Async} methods).
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
        return core.store().getAsync(key, scope).handle((stored, failure) -> failure != null
                ? core.failures().fallback(CacheCore.redisFailure(failure), null)
                : CacheCore.valueOrNull(core.answer(stored, scope)));
    }

    public CompletableFuture<Boolean> put(String key, V value, long ttlMillis) {
        RequestScope scope = scope();
        core.forgetLoads(key);
        byte[] stored = core.encode(value, 0, ttlMillis);
        if (stored == null) {
            return CompletableFuture.completedFuture(Boolean.FALSE);
        }
        return core.store().setAsync(key, stored, ttlMillis, scope).handle((ok, failure) -> outcome(failure));
    }

    public CompletableFuture<Boolean> invalidate(String key) {
        RequestScope scope = scope();
        core.recorder().invalidation();
        core.forgetLoads(key);
        return core.store().deleteAsync(key, scope).handle((deleted, failure) ->
                failure == null ? deleted != null && deleted > 0 : outcome(failure));
    }

    /** @throws dev.perfmon.redis.CacheUnavailableException fail-closed, completing the stage with it */
    private Boolean outcome(Throwable failure) {
        return failure == null ? Boolean.TRUE : core.failures().fallback(CacheCore.redisFailure(failure), false);
    }

    public CompletableFuture<V> getOrLoad(String key, Supplier<? extends CompletionStage<? extends V>> loader,
                                          long ttlMillis) {
        RequestScope scope = scope();
        CompletableFuture<V> out = new CompletableFuture<>();
        if (core.singleFlight()) {
            Flight<V> flight = core.flights().joinable(key);
            if (flight != null) {
                join(flight, scope, flight.afterMiss(), out);
                return out;
            }
        }
        core.store().getAsync(key, scope).whenComplete((stored, failure) -> {
            try {
                afterRead(key, loader, ttlMillis, scope, stored, failure, out);
            } catch (Throwable unexpected) {
                // Only before a flight is claimed: from the claim on, lead() settles every path.
                core.internalFailure(unexpected);
                out.completeExceptionally(unexpected);
            }
        });
        return out;
    }

    private void afterRead(String key, Supplier<? extends CompletionStage<? extends V>> loader, long ttlMillis,
                           @Nullable RequestScope scope, byte[] stored, Throwable failure, CompletableFuture<V> out) {
        boolean redisUp = true;
        if (failure != null) {
            if (core.failures().refuse(CacheCore.redisFailure(failure), out)) {
                return;
            }
            redisUp = false;
        } else if (stored != null) {
            Object decoded = core.decode(stored);
            if (decoded != CacheCore.CODEC_FAILED) {
                V cached = CacheCore.valueOf(decoded);
                if (core.earlyDue(stored)) {
                    recomputeEarly(key, loader, ttlMillis, scope, cached, out);
                } else {
                    core.recorder().hit(scope);
                    out.complete(cached);
                }
                return;
            }
        }
        if (core.singleFlight()) {
            Flight<V> mine = core.flights().newFlight(false, redisUp);
            Flight<V> other = core.flights().claim(key, mine);
            if (other != null) {
                join(other, scope, redisUp, out);
            } else {
                lead(key, loader, ttlMillis, scope, redisUp, mine, true, out);
            }
            return;
        }
        lead(key, loader, ttlMillis, scope, redisUp, core.flights().enter(key, core.duplicateLoads(), scope), false, out);
    }

    /**
     * Runs the load of a flight this caller leads: the cross-instance lock if configured, the
     * loader, the write-back. Every path from here ends in exactly one {@link CacheCore#settle},
     * so no joiner is left waiting and the key is not left marked as loading, whatever throws.
     */
    private void lead(String key, Supplier<? extends CompletionStage<? extends V>> loader, long ttlMillis,
                      @Nullable RequestScope scope, boolean redisUp, Flight<V> flight, boolean shared,
                      CompletableFuture<V> out) {
        CompletableFuture<LockOutcome> lock;
        try {
            lock = redisUp && core.lock().enabled()
                    ? core.lock().acquireAsync(key, scope)
                    : CompletableFuture.completedFuture(LockOutcome.UNLOCKED);
        } catch (Throwable unexpected) {
            core.internalFailure(unexpected);
            lock = CompletableFuture.completedFuture(LockOutcome.UNLOCKED);
        }
        lock.whenComplete((held, failure) -> {
            LockOutcome outcome = held == null ? LockOutcome.UNLOCKED : held;
            V value = null;
            boolean served = false;
            try {
                if (outcome.value != null) {
                    Object decoded = core.decode(outcome.value);
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
                core.settle(key, flight, shared, value, null, false);
                out.complete(value);
            } else {
                load(key, loader, ttlMillis, scope, redisUp, flight, shared, outcome, out);
            }
        });
    }

    private void load(String key, Supplier<? extends CompletionStage<? extends V>> loader, long ttlMillis,
                      @Nullable RequestScope scope, boolean redisUp, Flight<V> flight, boolean shared, LockOutcome held,
                      CompletableFuture<V> out) {
        long start = Guard.NO_TIME;
        try {
            if (redisUp) {
                core.recorder().miss(scope);
            }
            start = core.now();
        } catch (Throwable unexpected) {
            // Bookkeeping only: the load goes on, so the flight is settled by its outcome.
            core.internalFailure(unexpected);
        }
        long started = start;
        startLoader(loader, scope).whenComplete((value, failure) ->
                loaded(key, ttlMillis, redisUp, flight, shared, held, started, value, failure, false, null, out));
    }

    /**
     * After the loader of a flight this caller leads: times it, writes the value back (or, after a
     * failure, releases the lock), settles the flight and completes {@code out}. Every step of
     * perfmon's own is contained; the flight is settled and {@code out} completed in a
     * {@code finally}, so neither the caller nor a joiner is ever left waiting.
     *
     * @param early whether this refreshes a value still cached (a failed refresh serves
     *     {@code cached}); otherwise a load after a miss, whose failure {@code out} gets unchanged
     */
    private void loaded(String key, long ttlMillis, boolean redisUp, Flight<V> flight, boolean shared,
                        LockOutcome held, long start, @Nullable V value, @Nullable Throwable failure, boolean early,
                        @Nullable V cached,
                        CompletableFuture<V> out) {
        Throwable cause = failure == null ? null : Throwables.unwrap(failure);
        boolean lockHandled = false;
        boolean writingBack = false;
        try {
            long loadNanos = core.since(start);
            if (cause != null) {
                lockHandled = true;
                core.loadFailed(key, held, loadNanos);
            } else {
                core.recorder().loaded(true, loadNanos);
                lockHandled = true;
                writingBack = true;
                core.writeBack(key, value, ttlMillis, loadNanos, flight, held, redisUp, shared);
            }
        } catch (Throwable unexpected) {
            core.internalFailure(unexpected);
            if (!lockHandled) {
                core.releaseLock(key, held);
            }
        } finally {
            core.settle(key, flight, shared, value, cause, writingBack);
            if (cause == null) {
                out.complete(value);
            } else if (early) {
                out.complete(cached);
            } else {
                out.completeExceptionally(cause);
            }
        }
    }

    /**
     * Invokes the loader on the cache's loader executor, never on the thread that learned of the
     * miss (Lettuce's event loop, or the JDK's delay thread after a timeout), with the caller's
     * scope bound while it runs. Never throws: a loader that throws, returns no stage, or is
     * rejected by the executor gives a failed future.
     */
    private CompletableFuture<V> startLoader(Supplier<? extends CompletionStage<? extends V>> loader,
                                             @Nullable RequestScope scope) {
        CompletableFuture<V> loaded = new CompletableFuture<>();
        try {
            core.settings().loaderExecutor().execute(() -> invokeLoader(loader, scope, loaded));
        } catch (Throwable rejected) {
            loaded.completeExceptionally(rejected);
        }
        return loaded;
    }

    private void invokeLoader(Supplier<? extends CompletionStage<? extends V>> loader, @Nullable RequestScope scope,
                              CompletableFuture<V> loaded) {
        ScopeActivation activation = core.activate(scope);
        try {
            CompletionStage<? extends V> stage = loader.get();
            if (stage == null) {
                loaded.completeExceptionally(new NullPointerException("the loader returned no CompletionStage"));
            } else {
                stage.whenComplete((value, failure) -> {
                    if (failure == null) {
                        loaded.complete(value);
                    } else {
                        loaded.completeExceptionally(failure);
                    }
                });
            }
        } catch (Throwable failure) {
            loaded.completeExceptionally(failure);
        } finally {
            core.deactivate(activation);
        }
    }

    /** XFetch picked this reader to refresh a still cached value; see {@link SyncFlows}. */
    private void recomputeEarly(String key, Supplier<? extends CompletionStage<? extends V>> loader, long ttlMillis,
                                @Nullable RequestScope scope, @Nullable V cached, CompletableFuture<V> out) {
        core.recorder().hit(scope);
        boolean shared = core.singleFlight();
        Flight<V> flight;
        if (shared) {
            flight = core.flights().newFlight(true, false);
            if (core.flights().claim(key, flight) != null) {
                out.complete(cached);
                return;
            }
        } else {
            flight = core.flights().enter(key);
        }
        long start = Guard.NO_TIME;
        try {
            core.recorder().earlyRecompute();
            start = core.now();
        } catch (Throwable unexpected) {
            // Bookkeeping only: the refresh goes on, so the flight is settled by its outcome.
            core.internalFailure(unexpected);
        }
        long started = start;
        startLoader(loader, scope).whenComplete((value, failure) -> loaded(key, ttlMillis, true, flight, shared,
                LockOutcome.UNLOCKED, started, value, failure, true, cached, out));
    }

    /**
     * Completes {@code out} with another caller's load: counted as {@code perfmon.cache.coalesced}
     * and, when the key was absent from Redis ({@code missed}), as a miss; never as a hit. See
     * {@link SyncFlows}.
     */
    private void join(Flight<V> flight, @Nullable RequestScope scope, boolean missed, CompletableFuture<V> out) {
        core.joined(scope, missed);
        flight.result().whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(Throwables.unwrap(failure));
            }
        });
    }
}
