package dev.perfmon.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redis slow: a blocking BLPOP on the cache's own connection holds every later command of that
 * connection behind it (Redis answers one connection in order), without touching the shared
 * server for anyone else. The stall lasts until the test pushes to the list it waits on, so no
 * machine is too slow for the operations to finish inside it.
 */
class FailureBehaviourTest {

    private final RedisFixture redis = new RedisFixture();
    private final StatefulRedisConnection<String, byte[]> connection = redis.client.connect(PerfMonRedis.codec());

    @AfterEach
    void close() {
        connection.close();
        redis.close();
    }

    /** Stalls the connection until {@link #endStall()}; the future completes when the stall ends. */
    private RedisFuture<KeyValue<String, byte[]>> stall() {
        return connection.async().blpop(0, redis.key("stall"));
    }

    /** Ends the stall: the BLPOP gets its element, from another connection. */
    private void endStall() {
        redis.connection.sync().rpush(redis.key("stall"), new byte[] {1});
    }

    /** Without a circuit breaker: these tests are about what each single operation costs ({@code RedisBreakerTest} covers the breaker). */
    private PerfMonCache.Builder<String> cache(String name) {
        return PerfMonCache.builder(redis.perfMon, connection).name(name).timeout(Duration.ofMillis(100))
                .circuitBreaker(RedisCircuitBreaker.disabled());
    }

    @Test
    void aStalledRedisCostsEachViewOnlyTheCacheTimeoutAndLateRepliesAreNotCountedAgain() {
        PerfMonCache<String> cache = cache("slow").build();
        String key = redis.key("k");
        RedisFuture<?> stall = stall();

        assertThat(cache.get(key)).isNull();
        assertThat(cache.async().get(key).toCompletableFuture().join()).isNull();
        assertThat(cache.reactive().get(key).blockOptional(Duration.ofSeconds(10))).isEmpty();

        // Each returned before the stall ended: bounded by the cache's timeout, not by Redis.
        assertThat(stall.isDone()).isFalse();
        assertThat(redis.errors("slow", "get", "timeout")).isEqualTo(3);
        assertThat(cache.pendingCommands()).isEqualTo(3);

        endStall();
        RedisFixture.await("the late replies", () -> stall.isDone() && cache.pendingCommands() == 0);
        assertThat(redis.errors("slow", "get", "timeout")).isEqualTo(3);
        assertThat(redis.errors("slow")).isEqualTo(3);
        assertThat(redis.hits("slow")).isZero();
        assertThat(redis.misses("slow")).isZero();
    }

    @Test
    void failOpenGetOrLoadServesTheLoadersValueWithoutCountingAMissOrWritingBack() {
        PerfMonCache<String> cache = cache("open").build();
        String key = redis.key("k");
        RedisFuture<?> stall = stall();

        String sync = cache.getOrLoad(key, () -> "from database");
        String async = cache.async().getOrLoad(key, () -> CompletableFuture.completedFuture("from database"))
                .toCompletableFuture().join();
        String reactive = cache.reactive().getOrLoad(key, () -> reactor.core.publisher.Mono.just("from database"))
                .block(Duration.ofSeconds(10));

        assertThat(stall.isDone()).isFalse();
        assertThat(sync).isEqualTo("from database");
        assertThat(async).isEqualTo("from database");
        assertThat(reactive).isEqualTo("from database");
        assertThat(redis.errors("open", "get", "timeout")).isEqualTo(3);
        assertThat(redis.loads("open", "success")).isEqualTo(3);
        assertThat(redis.misses("open")).isZero();
        endStall();
        RedisFixture.await("the stall to end", () -> stall.isDone() && cache.pendingCommands() == 0);
        assertThat(redis.raw(key)).isNull();
        assertThat(redis.count("cache.puts", "cache", "open")).isZero();
    }

    @Test
    void failClosedThrowsCacheUnavailableAndNeverCallsTheLoader() {
        PerfMonCache<String> cache = cache("closed").failureMode(FailureMode.FAIL_CLOSED).build();
        String key = redis.key("k");
        AtomicInteger loaderCalls = new AtomicInteger();
        RedisFuture<?> stall = stall();

        assertThatThrownBy(() -> cache.getOrLoad(key, () -> "v" + loaderCalls.incrementAndGet()))
                .isInstanceOfSatisfying(CacheUnavailableException.class, e -> {
                    assertThat(e.cacheName()).isEqualTo("closed");
                    assertThat(e.operation()).isEqualTo("get");
                    assertThat(e.reason()).isEqualTo("timeout");
                });
        assertThat(cache.async().getOrLoad(key, () -> CompletableFuture.completedFuture("v" + loaderCalls.incrementAndGet()))
                .toCompletableFuture()).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().withCauseInstanceOf(CacheUnavailableException.class);
        assertThatThrownBy(() -> cache.reactive().get(key).block(Duration.ofSeconds(10)))
                .isInstanceOf(CacheUnavailableException.class);
        assertThatThrownBy(() -> cache.get(key)).isInstanceOf(CacheUnavailableException.class);
        assertThatThrownBy(() -> cache.put(key, "v")).isInstanceOf(CacheUnavailableException.class)
                .hasMessageContaining("put failed (timeout)");
        assertThatThrownBy(() -> cache.invalidate(key)).isInstanceOf(CacheUnavailableException.class);

        assertThat(stall.isDone()).isFalse();
        assertThat(loaderCalls).hasValue(0);
        assertThat(redis.loads("closed", "success")).isZero();
        assertThat(redis.errors("closed", "get", "timeout")).isEqualTo(4);
        assertThat(redis.errors("closed", "put", "timeout")).isEqualTo(1);
        assertThat(redis.errors("closed", "delete", "timeout")).isEqualTo(1);
    }

    @Test
    void commandsAwaitingAReplyAreBoundedAndPastTheBoundFailAtOnceAsRejected() {
        PerfMonCache<String> cache = cache("bounded").maxPendingCommands(2).build();
        String key = redis.key("k");
        RedisFuture<?> stall = stall();

        cache.get(key);
        cache.get(key);
        assertThat(cache.pendingCommands()).isEqualTo(2);
        assertThat(cache.getOrLoad(key, () -> "loaded")).isEqualTo("loaded");

        assertThat(stall.isDone()).isFalse();
        assertThat(redis.errors("bounded", "get", "timeout")).isEqualTo(2);
        assertThat(redis.errors("bounded", "get", "rejected")).isEqualTo(1);
        endStall();
        RedisFixture.await("the stall to end", () -> stall.isDone() && cache.pendingCommands() == 0);
        // Healthy again (a reply can outlast the 100 ms timeout on a loaded machine: retried).
        RedisFixture.await("a put read back", () -> cache.put(key, "v") && "v".equals(cache.get(key)));
    }

    @Test
    void anAsyncCallerWaitsNoLongerThanTheTimeoutEvenIfTheReplyNeverComes() throws Exception {
        PerfMonCache<String> cache = cache("async-slow").build();
        RedisFuture<?> stall = stall();

        CompletableFuture<String> result = cache.async().get(redis.key("k")).toCompletableFuture();

        // Answered while the stall still holds the reply back: the timeout ended the wait, not Redis.
        assertThat(result.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(stall.isDone()).isFalse();
        assertThat(redis.errors("async-slow", "get", "timeout")).isEqualTo(1);
    }

    @Test
    void failOpenPutAndInvalidateReportFalseOnEveryViewAndCountTheirErrors() {
        PerfMonCache<String> cache = cache("open-writes").build();
        String key = redis.key("k");
        RedisFuture<?> stall = stall();

        assertThat(cache.put(key, "v")).isFalse();
        assertThat(cache.invalidate(key)).isFalse();
        assertThat(cache.async().put(key, "v").toCompletableFuture().join()).isFalse();
        assertThat(cache.async().invalidate(key).toCompletableFuture().join()).isFalse();
        assertThat(cache.reactive().put(key, "v").block(Duration.ofSeconds(10))).isFalse();
        assertThat(cache.reactive().invalidate(key).block(Duration.ofSeconds(10))).isFalse();

        assertThat(stall.isDone()).isFalse();
        assertThat(redis.errors("open-writes", "put", "timeout")).isEqualTo(3);
        assertThat(redis.errors("open-writes", "delete", "timeout")).isEqualTo(3);
        assertThat(redis.count("cache.puts", "cache", "open-writes")).isZero();
    }
}
