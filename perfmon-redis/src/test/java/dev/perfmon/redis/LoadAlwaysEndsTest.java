package dev.perfmon.redis;

import dev.perfmon.testsupport.TestRedis;
import dev.perfmon.testsupport.TestThreads;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A shared load always ends: whatever the user's codec or loader throws, an {@link Error}
 * included, and whatever fails unexpectedly while the value is written back, the leader and
 * every joiner get an outcome and the key is not left marked as loading (a later caller would otherwise join the dead load and wait forever). Every wait here
 * is bounded, so a load that never ends fails the test instead of hanging it.
 */
class LoadAlwaysEndsTest {

    private static final int CALLERS = 8;
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What a broken codec might throw: not a RuntimeException. */
    static final class CodecBroken extends Error {
        CodecBroken() {
            super("codec broken");
        }
    }

    /** Stores values as UTF-8, except those starting with "unstorable", where it throws an Error. */
    private static final ValueCodec<String> ENCODE_FAILS = ValueCodec.of(value -> {
        if (value.startsWith("unstorable")) {
            throw new CodecBroken();
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }, bytes -> new String(bytes, StandardCharsets.UTF_8));

    /** Reads nothing back: every decode throws an Error. */
    private static final ValueCodec<String> DECODE_FAILS = ValueCodec.of(
            value -> value.getBytes(StandardCharsets.UTF_8), bytes -> {
                throw new CodecBroken();
            });

    private final MockClock clock = new MockClock();
    private final RedisFixture redis = new RedisFixture(TestRedis.uri(), clock);
    private final ExecutorService pool = TestThreads.executor(CALLERS);

    @AfterEach
    void close() {
        pool.shutdownNow();
        redis.close();
    }

    /** Starts {@code CALLERS} calls of {@code getOrLoad} at once. */
    private List<Future<String>> callTogether(PerfMonCache<String> cache, String key, Supplier<String> loader) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return cache.getOrLoad(key, loader);
            }));
        }
        start.countDown();
        return results;
    }

    private String getOrLoadWithin(PerfMonCache<String> cache, String key, String value) throws Exception {
        return pool.submit(() -> cache.getOrLoad(key, () -> value)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aValueTheCodecFailsToEncodeWithAnErrorReachesTheLeaderAndEveryJoinerAndIsNotCached() throws Exception {
        PerfMonCache<String> cache = redis.cache("encode-error").codec(ENCODE_FAILS).build();
        String key = redis.key("post");
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);

        List<Future<String>> results = callTogether(cache, key, () -> {
            calls.incrementAndGet();
            RedisFixture.await(release);
            return "unstorable post";
        });
        RedisFixture.await("every other caller to join",
                () -> redis.count("perfmon.cache.coalesced", "cache", "encode-error") == CALLERS - 1);
        release.countDown();

        for (Future<String> result : results) {
            assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("unstorable post");
        }
        assertThat(calls).hasValue(1);
        assertThat(redis.errors("encode-error", "put", "codec")).isEqualTo(1);
        assertThat(redis.errors("encode-error")).isEqualTo(1);
        assertThat(redis.loads("encode-error", "success")).isEqualTo(1);
        assertThat(redis.raw(key)).isNull();
        assertThat(cache.loadsInFlight()).isZero();
        // Nothing was cached and nothing is stuck: the next caller loads again.
        assertThat(getOrLoadWithin(cache, key, "post")).isEqualTo("post");
    }

    @Test
    void anErrorFromTheLoaderReachesEveryWaiterUnchangedAndTheNextCallerLoadsAgain() throws Exception {
        PerfMonCache<String> cache = redis.cache("loader-error").build();
        String key = redis.key("post");
        CountDownLatch release = new CountDownLatch(1);
        StackOverflowError boom = new StackOverflowError("deep mapping");

        List<Future<String>> results = callTogether(cache, key, () -> {
            RedisFixture.await(release);
            throw boom;
        });
        RedisFixture.await("every other caller to join",
                () -> redis.count("perfmon.cache.coalesced", "cache", "loader-error") == CALLERS - 1);
        release.countDown();

        for (Future<String> result : results) {
            assertThatThrownBy(() -> result.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
        }
        assertThat(redis.loads("loader-error", "failure")).isEqualTo(1);
        assertThat(redis.errors("loader-error")).isZero();
        assertThat(cache.loadsInFlight()).isZero();
        assertThat(getOrLoadWithin(cache, key, "post")).isEqualTo("post");
    }

    @Test
    void anUnexpectedFailureWhileWritingBackIsContainedAndEveryCallerStillGetsTheValue() throws Exception {
        PerfMonCache<String> cache = PerfMonCache.builder(redis.perfMon, commandsWhoseSetThrows())
                .name("write-back-error").timeout(Duration.ofSeconds(2)).build();
        String key = redis.key("post");
        CountDownLatch release = new CountDownLatch(1);

        List<Future<String>> results = callTogether(cache, key, () -> {
            RedisFixture.await(release);
            return "post";
        });
        RedisFixture.await("every other caller to join",
                () -> redis.count("perfmon.cache.coalesced", "cache", "write-back-error") == CALLERS - 1);
        release.countDown();

        for (Future<String> result : results) {
            assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("post");
        }
        assertThat(redis.perfMon.failureCount("redis-cache")).isEqualTo(1);
        assertThat(cache.loadsInFlight()).isZero();
        assertThat(getOrLoadWithin(cache, key, "post again")).isEqualTo("post again");
    }

    @Test
    void anUnexpectedFailureWhileWritingBackStillReleasesTheCrossInstanceLockAtOnce() throws Exception {
        PerfMonCache<String> cache = PerfMonCache.builder(redis.perfMon, commandsWhoseSetThrows())
                .name("write-back-error-locked").timeout(Duration.ofSeconds(2))
                .crossInstanceLock(Duration.ofSeconds(60), Duration.ofSeconds(5)).build();
        String blocking = redis.key("blocking");
        String async = redis.key("async");

        assertThat(getOrLoadWithin(cache, blocking, "post")).isEqualTo("post");
        // Released when the load ended, not when its lease of a minute runs out: the release went
        // out on the same connection before the caller got its value, and Redis runs one
        // connection's commands in order.
        assertThat(redis.raw(blocking + ":lock")).isNull();
        assertThat(cache.async().getOrLoad(async, () -> CompletableFuture.completedFuture("post")))
                .succeedsWithin(WAIT).isEqualTo("post");
        assertThat(redis.raw(async + ":lock")).isNull();

        assertThat(redis.count("perfmon.cache.lock", "cache", "write-back-error-locked", "result", "acquired"))
                .isEqualTo(2);
        assertThat(redis.perfMon.failureCount("redis-cache")).isEqualTo(2);
        assertThat(cache.loadsInFlight()).isZero();
    }

    /**
     * The real connection's commands, except that SET of a cached value (not of a lock) fails in
     * a way no Redis client reports.
     */
    @SuppressWarnings("unchecked")
    private RedisClusterAsyncCommands<String, byte[]> commandsWhoseSetThrows() {
        RedisAsyncCommands<String, byte[]> real = redis.connection.async();
        return (RedisClusterAsyncCommands<String, byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RedisAsyncCommands.class}, (proxy, method, args) -> {
                    if (method.getName().equals("set") && !((String) args[0]).endsWith(":lock")) {
                        throw new NoClassDefFoundError("a class of the write path failed to load");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aStoredValueTheCodecFailsToDecodeWithAnErrorIsACodecErrorAndAMissThatReloads() throws Exception {
        PerfMonCache<String> cache = redis.cache("decode-error").codec(DECODE_FAILS).build();
        String key = redis.key("post");
        redis.connection.sync().set(key, "written by an older release".getBytes(StandardCharsets.UTF_8));

        assertThat(getOrLoadWithin(cache, key, "reloaded")).isEqualTo("reloaded");

        assertThat(redis.errors("decode-error", "get", "codec")).isEqualTo(1);
        assertThat(redis.misses("decode-error")).isEqualTo(1);
        assertThat(redis.loads("decode-error", "success")).isEqualTo(1);
        RedisFixture.await("the overwrite", () -> "reloaded".equals(
                new String(redis.raw(key), StandardCharsets.UTF_8)));
    }

    @Test
    void anEarlyRecomputationWhoseValueTheCodecFailsToEncodeServesItAndLeavesNoLoadBehind() throws Exception {
        PerfMonCache<String> cache = redis.cache("early-encode-error").codec(ENCODE_FAILS)
                .earlyRecomputation(1.0).build();
        String key = redis.key("post");
        assertThat(getOrLoadWithin(cache, key, "post v1")).isEqualTo("post v1");
        RedisFixture.await("the write-back", () -> redis.raw(key) != null);

        clock.add(Duration.ofMinutes(10));   // past the value's expiry: every read is due
        assertThat(getOrLoadWithin(cache, key, "unstorable v2")).isEqualTo("unstorable v2");

        assertThat(redis.count("perfmon.cache.early.recomputes", "cache", "early-encode-error")).isEqualTo(1);
        assertThat(redis.errors("early-encode-error", "put", "codec")).isEqualTo(1);
        assertThat(cache.loadsInFlight()).isZero();
        // A reader missing the key now starts a load of its own instead of joining a dead one.
        redis.connection.sync().del(key);
        assertThat(getOrLoadWithin(cache, key, "post v3")).isEqualTo("post v3");
    }

    @Test
    void anAsyncLoadWhoseValueTheCodecFailsToEncodeCompletesTheLeaderAndItsJoiner() {
        PerfMonCache<String> cache = redis.cache("async-encode-error").codec(ENCODE_FAILS).build();
        String key = redis.key("post");
        CompletableFuture<String> database = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<String> leader = cache.async().getOrLoad(key, () -> {
            calls.incrementAndGet();
            return database;
        }).toCompletableFuture();
        RedisFixture.await("the load to start", () -> calls.get() == 1);
        CompletableFuture<String> joiner = cache.async().getOrLoad(key,
                () -> CompletableFuture.completedFuture("second load")).toCompletableFuture();
        database.complete("unstorable post");

        assertThat(leader).succeedsWithin(WAIT).isEqualTo("unstorable post");
        assertThat(joiner).succeedsWithin(WAIT).isEqualTo("unstorable post");
        assertThat(calls).hasValue(1);
        assertThat(redis.count("perfmon.cache.coalesced", "cache", "async-encode-error")).isEqualTo(1);
        assertThat(redis.errors("async-encode-error", "put", "codec")).isEqualTo(1);
        assertThat(redis.raw(key)).isNull();
        assertThat(cache.loadsInFlight()).isZero();
        assertThat(cache.async().getOrLoad(key, () -> CompletableFuture.completedFuture("post")))
                .succeedsWithin(WAIT).isEqualTo("post");
    }

    @Test
    void anErrorFromAnAsyncLoaderReachesTheLeaderAndItsJoinerUnchanged() {
        PerfMonCache<String> cache = redis.cache("async-loader-error").build();
        String key = redis.key("post");
        CompletableFuture<String> database = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        StackOverflowError boom = new StackOverflowError("deep mapping");

        CompletableFuture<String> leader = cache.async().getOrLoad(key, () -> {
            calls.incrementAndGet();
            return database;
        }).toCompletableFuture();
        RedisFixture.await("the load to start", () -> calls.get() == 1);
        CompletableFuture<String> joiner = cache.async().getOrLoad(key,
                () -> CompletableFuture.completedFuture("second load")).toCompletableFuture();
        database.completeExceptionally(boom);

        assertThat(leader).failsWithin(WAIT).withThrowableThat().withCause(boom);
        assertThat(joiner).failsWithin(WAIT).withThrowableThat().withCause(boom);
        assertThat(calls).hasValue(1);
        assertThat(cache.loadsInFlight()).isZero();
    }

    @Test
    void anAsyncEarlyRecomputationWhoseValueTheCodecFailsToEncodeServesItAndLeavesNoLoadBehind() {
        PerfMonCache<String> cache = redis.cache("async-early-encode-error").codec(ENCODE_FAILS)
                .earlyRecomputation(1.0).build();
        String key = redis.key("post");
        assertThat(cache.async().getOrLoad(key, () -> CompletableFuture.completedFuture("post v1")))
                .succeedsWithin(WAIT).isEqualTo("post v1");
        RedisFixture.await("the write-back", () -> redis.raw(key) != null);

        clock.add(Duration.ofMinutes(10));   // past the value's expiry: every read is due
        assertThat(cache.async().getOrLoad(key, () -> CompletableFuture.completedFuture("unstorable v2")))
                .succeedsWithin(WAIT).isEqualTo("unstorable v2");

        assertThat(redis.count("perfmon.cache.early.recomputes", "cache", "async-early-encode-error")).isEqualTo(1);
        assertThat(redis.errors("async-early-encode-error", "put", "codec")).isEqualTo(1);
        assertThat(cache.loadsInFlight()).isZero();
        redis.connection.sync().del(key);
        assertThat(cache.async().getOrLoad(key, () -> CompletableFuture.completedFuture("post v3")))
                .succeedsWithin(WAIT).isEqualTo("post v3");
    }
}
