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
 * since. A lock taken is followed by one more read of the key (double-checked): another holder
 * may have written its value and released between this caller's read (its miss or its last poll)
 * and its {@code SET NX}, and loading then would be the duplicate load the lock exists to save;
 * one atomic script cannot do both, since the key and its lock may sit on different cluster
 * slots. Every Redis failure on the way means "load without the lock": the lock only ever saves
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

        /**
         * Blocking: tries, parks, polls and tries again on the calling thread; an interrupt
         * ends the wait like the deadline (the flag is kept).
         */
        @Override
        public LockOutcome acquire(String key, @Nullable RequestScope scope) {
            Attempt attempt = new Attempt(key);
            try {
                while (true) {
                    if (store.setIfAbsent(attempt.lockKey, attempt.token, leaseMillis, scope)) {
                        return recheck(attempt, scope);
                    }
                    LockOutcome outcome = attempt.afterRefused();
                    if (outcome != null) {
                        return outcome;
                    }
                    LockSupport.parkNanos(attempt.pauseNanos());
                    if (Thread.currentThread().isInterrupted()) {
                        return attempt.gaveUp();
                    }
                    outcome = attempt.afterPoll(store.get(key, scope));
                    if (outcome != null) {
                        return outcome;
                    }
                }
            } catch (RedisFailure failure) {
                return LockOutcome.UNLOCKED;
            }
        }

        /**
         * After {@code SET NX} took the lock: the value another holder wrote meanwhile, or the lock.
         * A failure of perfmon's own here (recorded) keeps the lock, as the asynchronous wait
         * does: the caller loads and releases it, where an escaping failure would leave it held,
         * and other instances waiting, until its lease ends.
         */
        private LockOutcome recheck(Attempt attempt, @Nullable RequestScope scope) {
            try {
                return attempt.afterRecheck(store.get(attempt.key, scope));
            } catch (RedisFailure failure) {
                return attempt.held();
            } catch (RuntimeException unexpected) {
                guard.failed(unexpected);
                return attempt.held();
            }
        }

        /** Non-blocking: each reply continues the wait; the pause between polls is the JDK's delay scheduler. */
        @Override
        public CompletableFuture<LockOutcome> acquireAsync(String key, @Nullable RequestScope scope) {
            CompletableFuture<LockOutcome> outcome = new CompletableFuture<>();
            tryAsync(new Attempt(key), scope, outcome);
            return outcome;
        }

        private void tryAsync(Attempt attempt, @Nullable RequestScope scope, CompletableFuture<LockOutcome> outcome) {
            store.setIfAbsentAsync(attempt.lockKey, attempt.token, leaseMillis, scope).whenComplete((ok, failure) -> {
                try {
                    if (failure == null && ok != null) {
                        recheckAsync(attempt, scope, outcome);
                        return;
                    }
                    LockOutcome done = failure != null ? LockOutcome.UNLOCKED : attempt.afterRefused();
                    if (done != null) {
                        outcome.complete(done);
                        return;
                    }
                    Executor later = CompletableFuture.delayedExecutor(attempt.pauseNanos(), TimeUnit.NANOSECONDS);
                    later.execute(() -> pollAsync(attempt, scope, outcome));
                } catch (Throwable unexpected) {
                    // Load without waiting any longer; a lock this attempt took is released after the load.
                    guard.failed(unexpected);
                    outcome.complete(failure == null && ok != null
                            ? new LockOutcome(attempt.token, null) : LockOutcome.UNLOCKED);
                }
            });
        }

        private void recheckAsync(Attempt attempt, @Nullable RequestScope scope, CompletableFuture<LockOutcome> outcome) {
            store.getAsync(attempt.key, scope).whenComplete((value, failure) -> {
                try {
                    outcome.complete(failure != null ? attempt.held() : attempt.afterRecheck(value));
                } catch (Throwable unexpected) {
                    // Load with the lock held: it is released after the load.
                    guard.failed(unexpected);
                    outcome.complete(new LockOutcome(attempt.token, null));
                }
            });
        }

        private void pollAsync(Attempt attempt, @Nullable RequestScope scope, CompletableFuture<LockOutcome> outcome) {
            try {
                store.getAsync(attempt.key, scope).whenComplete((value, failure) -> {
                    try {
                        LockOutcome done = failure != null ? LockOutcome.UNLOCKED : attempt.afterPoll(value);
                        if (done != null) {
                            outcome.complete(done);
                        } else {
                            tryAsync(attempt, scope, outcome);
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

        /**
         * One caller's wait for the lock: what each reply means (and counts), written once for
         * the blocking and the non-blocking wait, which only send the commands and pause.
         */
        private final class Attempt {
            final String key;
            final String lockKey;
            final byte[] token = newToken();
            private final long deadline;
            private long remaining;

            Attempt(String key) {
                this.key = key;
                this.lockKey = key + SUFFIX;
                this.deadline = clock.monotonicTime() + maxWaitNanos;
            }

            /** @return the outcome after {@code SET NX} found the lock held, or {@code null}: pause, then poll */
            @Nullable LockOutcome afterRefused() {
                remaining = deadline - clock.monotonicTime();
                return remaining <= 0 ? gaveUp() : null;
            }

            /** @return how long to pause before polling */
            long pauseNanos() {
                return Math.min(pollNanos, remaining);
            }

            /**
             * @return the outcome after a poll of the key, or {@code null}: the holder may have
             *     failed and released, so try to take the lock again
             */
            @Nullable LockOutcome afterPoll(byte @Nullable [] value) {
                if (value == null) {
                    return null;
                }
                meters.lockWaited();
                return new LockOutcome(null, value);
            }

            /** @return the lock, counted as taken */
            LockOutcome held() {
                meters.lockAcquired();
                return new LockOutcome(token, null);
            }

            /**
             * @return after taking the lock and reading the key again: the value another holder
             *     wrote (the lock is given back at once), or the lock
             */
            LockOutcome afterRecheck(byte @Nullable [] value) {
                if (value == null) {
                    return held();
                }
                store.releaseAsync(lockKey, token);
                meters.lockWaited();
                return new LockOutcome(null, value);
            }

            /** @return load without the lock: the wait ended without a value */
            LockOutcome gaveUp() {
                meters.lockTimedOut();
                return LockOutcome.UNLOCKED;
            }
        }

        private static byte[] newToken() {
            byte[] token = new byte[16];
            ThreadLocalRandom.current().nextBytes(token);
            return token;
        }
    }
}
