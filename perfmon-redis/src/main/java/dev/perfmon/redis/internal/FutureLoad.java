package dev.perfmon.redis.internal;

import dev.perfmon.cache.Flight;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeActivation;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@link LoadFlow} for a non-blocking caller, completing the future the caller got at once: each step
 * continues when its future completes, on the thread that completed it (Lettuce's event loop for
 * replies, the JDK's delay scheduler after a timeout, the loader's stage's thread after a load).
 * The loader itself is invoked on the cache's loader executor, with the caller's scope bound.
 * The caller's future is its own: cancelling it never cancels a load other callers share.
 *
 * @param <V> the value type
 */
final class FutureLoad<V> extends LoadFlow<V> {

    private final Supplier<? extends CompletionStage<? extends V>> loader;
    /** What the caller gets. */
    private final CompletableFuture<V> result;

    FutureLoad(CacheCore<V> core, String key, Supplier<? extends CompletionStage<? extends V>> loader, long ttlMillis,
               @Nullable RequestScope scope, CompletableFuture<V> result) {
        super(core, key, ttlMillis, scope);
        this.loader = loader;
        this.result = result;
    }

    /**
     * A {@code getOrLoad} read's reply: serves a hit, or goes on as a flow, created only then (as
     * for a blocking caller, a hit allocates no flow).
     */
    static <V> void afterRead(CacheCore<V> core, String key, Supplier<? extends CompletionStage<? extends V>> loader,
                              long ttlMillis, @Nullable RequestScope scope, CompletableFuture<V> result,
                              byte @Nullable [] stored, @Nullable Throwable failure) {
        try {
            Object answer = core.afterRead(stored, failure, scope);
            if (answer instanceof LoadNeeded) {
                new FutureLoad<>(core, key, loader, ttlMillis, scope, result).afterRead((LoadNeeded) answer, failure);
            } else {
                result.complete(CacheCore.valueOf(answer));
            }
        } catch (Throwable unexpected) {
            // Only before a flight is claimed: from the claim on, the flow settles every path.
            core.internalFailure(unexpected);
            result.completeExceptionally(unexpected);
        }
    }

    @Override
    void acquireLock() {
        CompletableFuture<LockOutcome> lock;
        try {
            lock = core.lock().acquireAsync(key, scope);
        } catch (Throwable unexpected) {
            core.internalFailure(unexpected);
            lock = CompletableFuture.completedFuture(LockOutcome.UNLOCKED);
        }
        lock.whenComplete((held, failure) -> afterLock(held));
    }

    /**
     * Invokes the loader on the cache's loader executor, never on the thread that learned of the
     * miss (Lettuce's event loop, or the JDK's delay thread after a timeout), with the caller's
     * scope bound while it runs. A loader that throws, returns no stage, or is rejected by the
     * executor fails the load.
     */
    @Override
    void runLoader() {
        CompletableFuture<V> outcome = new CompletableFuture<>();
        outcome.whenComplete((value, failure) -> loaded(value, failure == null ? null : Throwables.unwrap(failure)));
        try {
            core.settings().loaderExecutor().execute(() -> invokeLoader(outcome));
        } catch (Throwable rejected) {
            outcome.completeExceptionally(rejected);
        }
    }

    /** Completes {@code outcome} once, whatever the loader does. */
    private void invokeLoader(CompletableFuture<V> outcome) {
        ScopeActivation activation = core.activate(scope);
        try {
            CompletionStage<? extends V> stage = loader.get();
            if (stage == null) {
                outcome.completeExceptionally(new NullPointerException("the loader returned no CompletionStage"));
            } else {
                stage.whenComplete((value, failure) -> complete(outcome, value, failure));
            }
        } catch (Throwable failure) {
            outcome.completeExceptionally(failure);
        } finally {
            core.deactivate(activation);
        }
    }

    @Override
    void await(Flight<V> other) {
        other.result().whenComplete((value, failure) -> done(value, failure == null ? null : Throwables.unwrap(failure)));
    }

    @Override
    void done(@Nullable V value, @Nullable Throwable failure) {
        complete(result, value, failure);
    }

    private static <T> void complete(CompletableFuture<T> future, @Nullable T value, @Nullable Throwable failure) {
        if (failure == null) {
            future.complete(value);
        } else {
            future.completeExceptionally(failure);
        }
    }
}
