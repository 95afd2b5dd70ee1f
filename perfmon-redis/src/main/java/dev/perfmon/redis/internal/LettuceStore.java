package dev.perfmon.redis.internal;

import dev.perfmon.cache.CacheErrorCause;
import dev.perfmon.cache.CacheOperation;
import dev.perfmon.cache.CacheRecorder;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The {@link CacheStore} over Lettuce: the cache's only way to Redis. Every command goes through Lettuce's asynchronous API with
 * the cache's own timeout (synchronous callers wait on the future, as Lettuce's own sync API
 * does, but for the short cache timeout instead of the connection's 60 s), under the bound of
 * {@link PendingCommands} on commands nobody waits for any more and of the client's circuit
 * {@link Breaker} (told of every sent command's outcome), marked for the command listener, and with its failures counted once
 * as {@code perfmon.cache.errors} and its time added to the request scope's {@code redis}
 * segment. A reply that arrives after the timeout only returns its permit: it is not counted.
 * Recording the time is perfmon's own work: if it fails, the {@link Guard} records the failure
 * and the command's outcome is unchanged.
 */
public final class LettuceStore implements CacheStore {

    /** Deletes the lock only if it still holds our token (it may have expired and been taken since). */
    static final String RELEASE_SCRIPT =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private static final int GET = 0;
    private static final int SET = 1;
    private static final int DEL = 2;
    private static final int SET_NX = 3;
    private static final int RELEASE = 4;

    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final CacheRecorder meters;
    private final Guard guard;
    private final PendingCommands pending;
    private final long timeoutNanos;
    private final Breaker breaker;
    /** Redis time a scope may spend before its commands skip Redis; 0: no budget. */
    private final long budgetNanos;

    public LettuceStore(RedisClusterAsyncCommands<String, byte[]> commands, CacheRecorder meters, Guard guard,
                        int maxPending, long timeoutNanos, Breaker breaker, long budgetNanos) {
        this.commands = commands;
        this.budgetNanos = budgetNanos;
        this.meters = meters;
        this.guard = guard;
        this.breaker = breaker;
        this.pending = new PendingCommands(maxPending);
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * @return what builds a cache's store over these commands, with the cache's bounds, timeout,
     *     request budget and the client's breaker
     */
    public static CacheCore.StoreFactory factory(RedisClusterAsyncCommands<String, byte[]> commands,
                                                 CacheSettings settings, Breaker breaker) {
        return (recorder, guard) -> new LettuceStore(commands, recorder, guard, settings.maxPendingCommands(),
                settings.timeoutNanos(), breaker, settings.requestBudgetNanos());
    }

    @Override
    public int pendingCommands() {
        return pending.pending();
    }

    // ---- waiting callers -------------------------------------------------------------------

    @Override
    public byte @Nullable [] get(String key, @Nullable RequestScope scope) throws RedisFailure {
        return call(GET, CacheOperation.GET, key, null, 0, scope);
    }

    @Override
    public void set(String key, byte[] value, long ttlMillis, @Nullable RequestScope scope) throws RedisFailure {
        call(SET, CacheOperation.PUT, key, value, ttlMillis, scope);
        meters.put();
    }

    @Override
    public long delete(String key, @Nullable RequestScope scope) throws RedisFailure {
        Long deleted = call(DEL, CacheOperation.DELETE, key, null, 0, scope);
        return deleted == null ? 0 : deleted;
    }

    @Override
    public boolean setIfAbsent(String key, byte[] value, long ttlMillis, @Nullable RequestScope scope) throws RedisFailure {
        return call(SET_NX, CacheOperation.LOCK, key, value, ttlMillis, scope) != null;
    }

    private <T> @Nullable T call(int command, CacheOperation operation, String key, byte @Nullable [] value, long millis,
                       @Nullable RequestScope scope) throws RedisFailure {
        if (overBudget(scope)) {
            throw refused(operation, CacheErrorCause.BUDGET);
        }
        if (!pending.hasRoom()) {
            throw refused(operation, CacheErrorCause.REJECTED);
        }
        if (!breaker.tryAcquire()) {
            throw refused(operation, CacheErrorCause.BREAKER);
        }
        long start = startTime(scope, operation);
        try {
            RedisFuture<T> future;
            try {
                future = dispatch(command, key, value, millis);
            } catch (RuntimeException failure) {
                throw failed(operation, LettuceErrors.of(failure), failure);
            }
            T reply = await(future, operation);
            breaker.succeeded();
            return reply;
        } finally {
            recordTime(scope, start, operation);
        }
    }

    /**
     * @return whether the scope already spent its Redis time budget (its {@code redis} segment,
     *     which every cache command of the scope adds to): further commands skip Redis, so a
     *     request pays at most about one timeout while Redis hangs. Never throws (a failure is
     *     recorded, and the command goes ahead).
     */
    private boolean overBudget(@Nullable RequestScope scope) {
        if (scope == null || budgetNanos <= 0) {
            return false;
        }
        try {
            return scope.segmentNanos(Segment.REDIS) >= budgetNanos;
        } catch (Throwable failure) {
            guard.failed(failure);
            return false;
        }
    }

    /** A sent command failed: tells the breaker, counts the failure once and returns it to throw. */
    private RedisFailure failed(CacheOperation operation, CacheErrorCause cause, Throwable failure) {
        breaker.failed(cause);
        meters.error(operation, cause);
        return new RedisFailure(operation, cause, failure);
    }

    /** Counts a command not sent (budget, bound, breaker) and returns the failure to carry. */
    private RedisFailure refused(CacheOperation operation, CacheErrorCause cause) {
        meters.error(operation, cause);
        return new RedisFailure(operation, cause, null);
    }

    /** @return when a command of the scope starts (0 without a scope: no time is recorded) */
    private long startTime(@Nullable RequestScope scope, CacheOperation operation) {
        if (scope == null) {
            return 0L;
        }
        long start = guard.now();
        try {
            scope.enter(Segment.REDIS, operation.tag(), start);
        } catch (Throwable failure) {
            guard.failed(failure);
        }
        return start;
    }

    /** Adds a command's time to the scope's {@code redis} segment. Never throws (a failure is recorded). */
    private void recordTime(@Nullable RequestScope scope, long start, CacheOperation operation) {
        if (scope == null) {
            return;
        }
        long nanos = guard.nanosSince(start);
        try {
            scope.recordSegment(Segment.REDIS, nanos);
            scope.timeline(Segment.REDIS, operation.tag(), start, nanos);
        } catch (Throwable failure) {
            guard.failed(failure);
        }
    }

    private <T> T await(RedisFuture<T> future, CacheOperation operation) throws RedisFailure {
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException failure) {
            pending.abandon(future);
            throw failed(operation, CacheErrorCause.TIMEOUT, failure);
        } catch (ExecutionException | CancellationException failure) {
            throw failed(operation, LettuceErrors.of(failure), Throwables.unwrap(failure));
        } catch (InterruptedException failure) {
            // The caller gave up waiting; keep its interrupt and treat it like a timeout.
            Thread.currentThread().interrupt();
            pending.abandon(future);
            throw failed(operation, CacheErrorCause.TIMEOUT, failure);
        }
    }

    // ---- asynchronous callers --------------------------------------------------------------

    @Override
    public CompletableFuture<byte[]> getAsync(String key, @Nullable RequestScope scope) {
        return callAsync(GET, CacheOperation.GET, key, null, 0, scope);
    }

    @Override
    public CompletableFuture<String> setAsync(String key, byte[] value, long ttlMillis, @Nullable RequestScope scope) {
        return callAsync(SET, CacheOperation.PUT, key, value, ttlMillis, scope);
    }

    @Override
    public CompletableFuture<Long> deleteAsync(String key, @Nullable RequestScope scope) {
        return callAsync(DEL, CacheOperation.DELETE, key, null, 0, scope);
    }

    @Override
    public CompletableFuture<String> setIfAbsentAsync(String key, byte[] value, long ttlMillis, @Nullable RequestScope scope) {
        return callAsync(SET_NX, CacheOperation.LOCK, key, value, ttlMillis, scope);
    }

    @Override
    public CompletableFuture<Long> releaseAsync(String lockKey, byte[] token) {
        return callAsync(RELEASE, CacheOperation.LOCK, lockKey, token, 0, null);
    }

    private <T> CompletableFuture<T> callAsync(int command, CacheOperation operation, String key, byte @Nullable [] value,
                                               long millis, @Nullable RequestScope scope) {
        if (overBudget(scope)) {
            return CompletableFuture.failedFuture(refused(operation, CacheErrorCause.BUDGET));
        }
        if (!pending.tryAcquire()) {
            return CompletableFuture.failedFuture(refused(operation, CacheErrorCause.REJECTED));
        }
        if (!breaker.tryAcquire()) {
            pending.release();
            return CompletableFuture.failedFuture(refused(operation, CacheErrorCause.BREAKER));
        }
        Call<T> call = new Call<>(this, command, operation, scope, startTime(scope, operation));
        RedisFuture<T> future;
        try {
            future = dispatch(command, key, value, millis);
        } catch (RuntimeException failure) {
            pending.release();
            return CompletableFuture.failedFuture(failed(operation, LettuceErrors.of(failure), failure));
        }
        future.whenComplete(call);
        call.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
        return call.handle(call);
    }

    @SuppressWarnings("unchecked")
    private <T> RedisFuture<T> dispatch(int command, String key, byte @Nullable [] value, long millis) {
        int[] mark = CommandMark.enter();
        try {
            switch (command) {
                case GET:
                    return (RedisFuture<T>) commands.get(key);
                case SET:
                    return (RedisFuture<T>) commands.set(key, value, SetArgs.Builder.px(millis));
                case DEL:
                    return (RedisFuture<T>) commands.del(key);
                case SET_NX:
                    return (RedisFuture<T>) commands.set(key, value, SetArgs.Builder.nx().px(millis));
                case RELEASE:
                    return (RedisFuture<T>) commands.eval(RELEASE_SCRIPT, ScriptOutputType.INTEGER,
                            new String[] {key}, value);
                default:
                    throw new IllegalArgumentException("command " + command);
            }
        } finally {
            CommandMark.exit(mark);
        }
    }

    /**
     * One asynchronous command: completed by Lettuce's reply or by the timeout, whichever comes
     * first; {@link #apply} then runs exactly once, so nothing is counted twice.
     */
    private static final class Call<T> extends CompletableFuture<T>
            implements BiConsumer<T, Throwable>, BiFunction<T, Throwable, T> {
        private final LettuceStore gateway;
        private final int command;
        private final CacheOperation operation;
        private final @Nullable RequestScope scope;
        private final long start;

        Call(LettuceStore gateway, int command, CacheOperation operation, @Nullable RequestScope scope, long start) {
            this.gateway = gateway;
            this.command = command;
            this.operation = operation;
            this.scope = scope == null ? null : scope.retain();
            this.start = start;
        }

        /** Lettuce's reply, possibly after the timeout: always returns the permit. */
        @Override
        public void accept(T value, Throwable failure) {
            gateway.pending.release();
            if (failure == null) {
                complete(value);
            } else {
                completeExceptionally(failure);
            }
        }

        /** The outcome, counted once. */
        @Override
        public T apply(T value, Throwable failure) {
            gateway.recordTime(scope, start, operation);
            if (failure == null) {
                gateway.breaker.succeeded();
                if (command == SET) {
                    gateway.meters.put();
                }
                return value;
            }
            throw new CompletionException(gateway.failed(operation, LettuceErrors.of(failure), failure));
        }
    }
}
