package dev.perfmon.redis.internal;

import dev.perfmon.cache.CacheRecorder;
import dev.perfmon.core.RequestScope;
import io.micrometer.core.instrument.Clock;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The optional cross-instance load lock: before loading a missed key, take
 * {@code SET <key>:lock <token> NX PX <lease>}; if another instance holds it, poll the key until
 * its value appears or {@code maxWait} passes, then load anyway. The holder releases with a Lua
 * compare-and-delete, so a holder whose lease expired cannot delete a lock another instance took
 * since. Every Redis failure on the way means "load without the lock": the lock only ever saves
 * loads, it never blocks a request beyond {@code maxWait}. So does a failure of perfmon's own
 * while waiting (recorded by the {@link Guard}): the asynchronous outcome always completes.
 *
 * <p>{@link #NONE} is the null object for caches without the lock.
 */
public class LoadLock {

    /** No lock: always {@link LockOutcome#UNLOCKED}. */
    public static final LoadLock NONE = new LoadLock();

    /** Appended to the cached key to name its lock. */
    public static final String SUFFIX = ":lock";

    LoadLock() {
    }

    /** @return a lock over the store */
    public static LoadLock redis(CacheStore store, CacheRecorder meters, Guard guard, Clock clock,
                                 long leaseMillis, long maxWaitNanos) {
        return new RedisLock(store, meters, guard, clock, leaseMillis, maxWaitNanos);
    }

    /** @return whether a lock is taken at all */
    public boolean enabled() {
        return false;
    }

    /** Takes the lock or waits for another instance's value, on the calling thread. */
    public LockOutcome acquire(String key, @Nullable RequestScope scope) {
        return LockOutcome.UNLOCKED;
    }

    /** Takes the lock or waits for another instance's value, without blocking. */
    public CompletableFuture<LockOutcome> acquireAsync(String key, @Nullable RequestScope scope) {
        return CompletableFuture.completedFuture(LockOutcome.UNLOCKED);
    }

    /** Releases a held lock; sent after the write-back on the same connection, so it runs after it. */
    public void release(String key, LockOutcome outcome) {
    }

    private static final class RedisLock extends LoadLock {
        private final CacheStore store;
        private final CacheRecorder meters;
        private final Guard guard;
        private final Clock clock;
        private final long leaseMillis;
        private final long maxWaitNanos;
        private final long pollNanos;

        RedisLock(CacheStore store, CacheRecorder meters, Guard guard, Clock clock, long leaseMillis,
                  long maxWaitNanos) {
            this.store = store;
            this.meters = meters;
            this.guard = guard;
            this.clock = clock;
            this.leaseMillis = leaseMillis;
            this.maxWaitNanos = maxWaitNanos;
            // Ten polls per wait, at most every 20 ms and at least every millisecond.
            this.pollNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                    Math.min(TimeUnit.MILLISECONDS.toNanos(20), maxWaitNanos / 10));
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public LockOutcome acquire(String key, @Nullable RequestScope scope) {
            byte[] token = newToken();
            String lockKey = key + SUFFIX;
            long deadline = clock.monotonicTime() + maxWaitNanos;
            try {
                while (true) {
                    if (store.setIfAbsent(lockKey, token, leaseMillis, scope)) {
                        meters.lockAcquired();
                        return new LockOutcome(token, null);
                    }
                    long remaining = deadline - clock.monotonicTime();
                    if (remaining <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(Math.min(pollNanos, remaining));
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    byte[] value = store.get(key, scope);
                    if (value != null) {
                        meters.lockWaited();
                        return new LockOutcome(null, value);
                    }
                }
            } catch (RedisFailure failure) {
                return LockOutcome.UNLOCKED;
            }
            meters.lockTimedOut();
            return LockOutcome.UNLOCKED;
        }

        @Override
        public CompletableFuture<LockOutcome> acquireAsync(String key, @Nullable RequestScope scope) {
            CompletableFuture<LockOutcome> outcome = new CompletableFuture<>();
            attempt(key + SUFFIX, key, newToken(), clock.monotonicTime() + maxWaitNanos, scope, outcome);
            return outcome;
        }

        private void attempt(String lockKey, String key, byte[] token, long deadline, @Nullable RequestScope scope,
                             CompletableFuture<LockOutcome> outcome) {
            store.setIfAbsentAsync(lockKey, token, leaseMillis, scope).whenComplete((ok, failure) -> {
                try {
                    if (failure != null) {
                        outcome.complete(LockOutcome.UNLOCKED);
                    } else if (ok != null) {
                        meters.lockAcquired();
                        outcome.complete(new LockOutcome(token, null));
                    } else {
                        long remaining = deadline - clock.monotonicTime();
                        if (remaining <= 0) {
                            meters.lockTimedOut();
                            outcome.complete(LockOutcome.UNLOCKED);
                            return;
                        }
                        Executor later = CompletableFuture.delayedExecutor(Math.min(pollNanos, remaining),
                                TimeUnit.NANOSECONDS);
                        later.execute(() -> poll(lockKey, key, token, deadline, scope, outcome));
                    }
                } catch (Throwable unexpected) {
                    // Load without waiting any longer; a lock this attempt took is released after the load.
                    guard.failed(unexpected);
                    outcome.complete(failure == null && ok != null
                            ? new LockOutcome(token, null) : LockOutcome.UNLOCKED);
                }
            });
        }

        private void poll(String lockKey, String key, byte[] token, long deadline, @Nullable RequestScope scope,
                          CompletableFuture<LockOutcome> outcome) {
            try {
                store.getAsync(key, scope).whenComplete((value, failure) -> {
                    try {
                        if (failure != null) {
                            outcome.complete(LockOutcome.UNLOCKED);
                        } else if (value != null) {
                            meters.lockWaited();
                            outcome.complete(new LockOutcome(null, value));
                        } else {
                            // The holder may have failed and released: try to take the lock again.
                            attempt(lockKey, key, token, deadline, scope, outcome);
                        }
                    } catch (Throwable unexpected) {
                        guard.failed(unexpected);
                        outcome.complete(LockOutcome.UNLOCKED);
                    }
                });
            } catch (Throwable unexpected) {
                // On the JDK's delay thread: nobody else would see it, and the load must go on.
                guard.failed(unexpected);
                outcome.complete(LockOutcome.UNLOCKED);
            }
        }

        @Override
        public void release(String key, LockOutcome outcome) {
            if (outcome.token != null) {
                store.releaseAsync(key + SUFFIX, outcome.token);
            }
        }

        private static byte[] newToken() {
            byte[] token = new byte[16];
            ThreadLocalRandom.current().nextBytes(token);
            return token;
        }
    }
}
