package dev.perfmon.redis.internal;

import dev.perfmon.cache.CacheErrorCause;
import dev.perfmon.cache.CacheOperation;
import dev.perfmon.cache.CacheRecorder;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-instance lock once taken: whatever goes wrong while the key is read again, the caller
 * leaves with the lock and gives it back after its load, so other instances are not kept waiting
 * until the lease ends.
 */
class LoadLockRecheckTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry).build();
    private final LockOnlyStore store = new LockOnlyStore();
    private final LoadLock lock = LoadLock.redis(store, CacheRecorder.builder(perfMon, "posts").build(),
            new Guard(perfMon, Clock.SYSTEM), Clock.SYSTEM, 30_000, TimeUnit.SECONDS.toNanos(1));

    @AfterEach
    void close() {
        perfMon.close();
    }

    @Test
    void aFailureOfPerfmonsOwnDuringTheRereadKeepsTheLockForTheCallerToRelease() {
        store.reread = () -> {
            throw new IllegalStateException("a failure of perfmon's own");
        };

        LockOutcome outcome = lock.acquire("post:42", null);
        lock.release("post:42", outcome);

        assertThat(outcome.value()).isNull();
        assertThat(store.released).containsExactly("post:42:lock");
        assertThat(registry.get("perfmon.internal.errors").tag("component", Guard.COMPONENT).counter().count())
                .isEqualTo(1);
        assertThat(registry.get("perfmon.cache.lock").tag("result", "acquired").counter().count()).isEqualTo(1);
    }

    @Test
    void aRedisFailureDuringTheRereadKeepsTheLockAndCountsItAcquired() {
        store.reread = () -> {
            throw new RedisFailure(CacheOperation.GET, CacheErrorCause.TIMEOUT, null);
        };

        LockOutcome outcome = lock.acquire("post:42", null);
        lock.release("post:42", outcome);

        assertThat(store.released).containsExactly("post:42:lock");
        assertThat(registry.get("perfmon.cache.lock").tag("result", "acquired").counter().count()).isEqualTo(1);
        assertThat(registry.find("perfmon.internal.errors").counter()).isNull();
    }

    @Test
    void aValueFoundOnTheRereadIsReturnedAndTheLockGivenBackAtOnce() {
        store.reread = () -> new byte[] {42};

        LockOutcome outcome = lock.acquire("post:42", null);

        assertThat(outcome.value()).containsExactly(42);
        assertThat(store.released).containsExactly("post:42:lock");
        lock.release("post:42", outcome);
        assertThat(store.released).hasSize(1);
    }

    /** What the re-read of the key does. */
    private interface Reread {
        byte @Nullable [] get() throws RedisFailure;
    }

    /** A store whose lock is always free; the re-read and the releases are the test's. */
    private static final class LockOnlyStore implements CacheStore {
        Reread reread = () -> null;
        final List<String> released = new ArrayList<>();

        @Override
        public boolean setIfAbsent(String key, byte[] value, long ttlMillis, @Nullable RequestScope scope) {
            return true;
        }

        @Override
        public byte @Nullable [] get(String key, @Nullable RequestScope scope) throws RedisFailure {
            return reread.get();
        }

        @Override
        public CompletableFuture<Long> releaseAsync(String lockKey, byte[] token) {
            released.add(lockKey);
            return CompletableFuture.completedFuture(1L);
        }

        @Override
        public int pendingCommands() {
            return 0;
        }

        @Override
        public void set(String key, byte[] value, long ttlMillis, @Nullable RequestScope scope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long delete(String key, @Nullable RequestScope scope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<byte[]> getAsync(String key, @Nullable RequestScope scope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<String> setAsync(String key, byte[] value, long ttlMillis,
                                                  @Nullable RequestScope scope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Long> deleteAsync(String key, @Nullable RequestScope scope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<String> setIfAbsentAsync(String key, byte[] value, long ttlMillis,
                                                          @Nullable RequestScope scope) {
            throw new UnsupportedOperationException();
        }
    }
}
