package dev.perfmon.redis;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.Segment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncCacheTest {

    private final RedisFixture redis = new RedisFixture();

    @AfterEach
    void close() {
        redis.close();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void getPutAndInvalidateCompleteWithTheirOutcomes() {
        PerfMonAsyncCache<String> cache = redis.cache("async").build().async();
        String key = redis.key("k");

        assertThat(join(cache.get(key))).isNull();
        assertThat(join(cache.put(key, "v", Duration.ofMinutes(1)))).isTrue();
        assertThat(join(cache.get(key))).isEqualTo("v");
        assertThat(join(cache.invalidate(key))).isTrue();
        assertThat(join(cache.delete(key))).isFalse();

        assertThat(redis.misses("async")).isEqualTo(1);
        assertThat(redis.hits("async")).isEqualTo(1);
        assertThat(redis.count("cache.puts", "cache", "async")).isEqualTo(1);
        assertThat(redis.raw(key)).isNull();
    }

    @Test
    void getOrLoadLoadsOnAMissWritesBackAndHitsAfterwards() {
        PerfMonAsyncCache<String> cache = redis.cache("async-gol").build().async();
        String key = redis.key("k");
        AtomicInteger calls = new AtomicInteger();

        String first = join(cache.getOrLoad(key,
                () -> CompletableFuture.supplyAsync(() -> "v" + calls.incrementAndGet()), Duration.ofMinutes(1)));
        RedisFixture.await("the write-back", () -> redis.raw(key) != null);
        String second = join(cache.getOrLoad(key, () -> CompletableFuture.completedFuture("other")));

        assertThat(first).isEqualTo("v1");
        assertThat(second).isEqualTo("v1");
        assertThat(calls).hasValue(1);
        assertThat(redis.misses("async-gol")).isEqualTo(1);
        assertThat(redis.hits("async-gol")).isEqualTo(1);
        assertThat(redis.loads("async-gol", "success")).isEqualTo(1);
        assertThat(new String(redis.raw(key), StandardCharsets.UTF_8)).isEqualTo("v1");
    }

    @Test
    void theCallersScopeReceivesCountsAndRedisTimeAndIsBoundWhileTheLoaderStarts() {
        PerfMonCache<String> cache = redis.cache("async-scope").build();
        String key = redis.key("k");
        try (RequestScope scope = redis.perfMon.openScope("GET /async")) {
            RequestScope[] seenByLoader = new RequestScope[1];
            join(cache.async().getOrLoad(key, () -> {
                seenByLoader[0] = redis.perfMon.currentScope();
                return CompletableFuture.completedFuture("v");
            }));
            RedisFixture.await("the write-back", () -> redis.raw(key) != null);
            join(cache.async().getOrLoad(key, () -> CompletableFuture.completedFuture("x")));

            assertThat(seenByLoader[0]).isSameAs(scope);
            assertThat(scope.counter(ScopeCounter.CACHE_MISSES)).isEqualTo(1);
            assertThat(scope.counter(ScopeCounter.CACHE_HITS)).isEqualTo(1);
            assertThat(scope.segmentCount(Segment.REDIS)).isEqualTo(2);
        }
    }

    @Test
    void aFailedLoaderStageFailsTheCallerWithTheLoadersExceptionAndCachesNothing() {
        PerfMonAsyncCache<String> cache = redis.cache("async-fail").build().async();
        String key = redis.key("k");
        IllegalStateException boom = new IllegalStateException("database down");

        CompletableFuture<String> result = cache.getOrLoad(key,
                () -> CompletableFuture.<String>failedFuture(boom)).toCompletableFuture();

        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).hasCause(boom);
        assertThat(redis.loads("async-fail", "failure")).isEqualTo(1);
        assertThat(redis.raw(key)).isNull();
        assertThat(cache.getOrLoad(key, () -> {
            throw boom;
        }).toCompletableFuture()).failsWithin(Duration.ofSeconds(10)).withThrowableThat().withCause(boom);
        assertThat(redis.loads("async-fail", "failure")).isEqualTo(2);
    }

    @Test
    void anEmptyLoaderResultCompletesWithNullAndIsNotCached() {
        PerfMonAsyncCache<String> cache = redis.cache("async-null").build().async();
        String key = redis.key("k");

        assertThat(join(cache.getOrLoad(key, () -> CompletableFuture.completedFuture(null)))).isNull();

        assertThat(redis.raw(key)).isNull();
        assertThat(redis.misses("async-null")).isEqualTo(1);
    }

    @Test
    void cancellingOneCallerDoesNotCancelTheSharedLoad() {
        PerfMonAsyncCache<String> cache = redis.cache("async-cancel").build().async();
        String key = redis.key("k");
        CompletableFuture<String> database = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<String> leader = cache.getOrLoad(key, () -> {
            calls.incrementAndGet();
            return database;
        }).toCompletableFuture();
        RedisFixture.await("the load to start", () -> calls.get() == 1);
        CompletableFuture<String> joiner = cache.getOrLoad(key, () -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture("second load");
        }).toCompletableFuture();
        leader.cancel(true);
        database.complete("from database");

        assertThat(join(joiner)).isEqualTo("from database");
        assertThat(database).isCompletedWithValue("from database");
        assertThat(calls).hasValue(1);
        RedisFixture.await("the write-back", () -> redis.raw(key) != null);
        assertThat(new String(redis.raw(key), StandardCharsets.UTF_8)).isEqualTo("from database");
        assertThat(redis.count("perfmon.cache.coalesced", "cache", "async-cancel")).isEqualTo(1);
    }

    @Test
    void aSynchronousCallerJoinsAnAsynchronousCallersLoad() throws Exception {
        PerfMonCache<String> cache = redis.cache("mixed").build();
        String key = redis.key("k");
        CompletableFuture<String> database = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> asyncCaller = cache.async().getOrLoad(key, () -> {
            calls.incrementAndGet();
            return database;
        }).toCompletableFuture();
        RedisFixture.await("the load to start", () -> calls.get() == 1);

        CompletableFuture<String> syncCaller = CompletableFuture.supplyAsync(() -> cache.getOrLoad(key, () -> {
            calls.incrementAndGet();
            return "sync load";
        }));
        RedisFixture.await("the synchronous caller to join",
                () -> redis.count("perfmon.cache.coalesced", "cache", "mixed") == 1);
        database.complete("shared");

        assertThat(syncCaller.get(10, TimeUnit.SECONDS)).isEqualTo("shared");
        assertThat(join(asyncCaller)).isEqualTo("shared");
        assertThat(calls).hasValue(1);
    }

    @Test
    void completionExceptionsFromTheLoaderAreUnwrapped() {
        PerfMonAsyncCache<String> cache = redis.cache("async-unwrap").build().async();
        IllegalArgumentException boom = new IllegalArgumentException("bad id");

        CompletableFuture<String> result = cache.getOrLoad(redis.key("k"),
                () -> CompletableFuture.supplyAsync(() -> {
                    throw boom;
                })).toCompletableFuture();

        assertThatThrownBy(result::join).isInstanceOf(CompletionException.class).hasCause(boom);
    }

    @Test
    void withoutSingleFlightConcurrentAsyncLoadsOfOneKeyAreCountedAsAStampede() {
        PerfMonAsyncCache<String> cache = redis.cache("async-herd").singleFlight(false).build().async();
        String key = redis.key("k");
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<String> a = cache.getOrLoad(key, () -> {
            calls.incrementAndGet();
            return first;
        }).toCompletableFuture();
        RedisFixture.await("the first load to start", () -> calls.get() == 1);
        CompletableFuture<String> b = cache.getOrLoad(key, () -> {
            calls.incrementAndGet();
            return second;
        }).toCompletableFuture();
        RedisFixture.await("the second load to start", () -> calls.get() == 2);
        first.complete("one");
        second.complete("two");

        assertThat(join(a)).isEqualTo("one");
        assertThat(join(b)).isEqualTo("two");
        assertThat(redis.count("perfmon.cache.stampede", "cache", "async-herd")).isEqualTo(1);
        assertThat(redis.loads("async-herd", "success")).isEqualTo(2);
        assertThat(redis.misses("async-herd")).isEqualTo(2);
    }

    @Test
    void aJoinerOfAFailedAsyncLoadFailsWithTheSameExceptionAndCountsAMiss() {
        PerfMonAsyncCache<String> cache = redis.cache("async-join-fail").build().async();
        String key = redis.key("k");
        CompletableFuture<String> database = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("database down");

        CompletableFuture<String> leader = cache.getOrLoad(key, () -> {
            calls.incrementAndGet();
            return database;
        }).toCompletableFuture();
        RedisFixture.await("the load to start", () -> calls.get() == 1);
        CompletableFuture<String> joiner = cache.getOrLoad(key,
                () -> CompletableFuture.completedFuture("never")).toCompletableFuture();
        database.completeExceptionally(boom);

        assertThat(leader).failsWithin(Duration.ofSeconds(10)).withThrowableThat().withCause(boom);
        assertThat(joiner).failsWithin(Duration.ofSeconds(10)).withThrowableThat().withCause(boom);
        assertThat(calls).hasValue(1);
        assertThat(redis.misses("async-join-fail")).isEqualTo(2);
        assertThat(redis.hits("async-join-fail")).isZero();
    }

    @Test
    void aLoaderReturningNoStageFailsTheCallerAndCountsAFailedLoad() {
        PerfMonAsyncCache<String> cache = redis.cache("async-no-stage").build().async();

        CompletableFuture<String> result = cache.getOrLoad(redis.key("k"), () -> null).toCompletableFuture();

        assertThat(result).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .withCauseInstanceOf(NullPointerException.class);
        assertThat(redis.loads("async-no-stage", "failure")).isEqualTo(1);
    }
}
