package dev.perfmon.redis;

import dev.perfmon.testsupport.TestRedis;
import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * XFetch with a mock clock: the header's expiry follows the PerfMon clock, so moving the clock
 * past it makes every read due (probability 1) while Redis still holds the value; moving it
 * nowhere keeps the probability at exp(-remaining / (delta * beta)), zero in practice.
 */
class EarlyRecomputationTest {

    private final MockClock clock = new MockClock();
    private final RedisFixture redis = new RedisFixture(TestRedis.uri(), clock);

    @AfterEach
    void close() {
        redis.close();
    }

    private PerfMonCache<String> cache(String name) {
        return redis.cache(name).earlyRecomputation(1.0).build();
    }

    private String loadOnce(PerfMonCache<String> cache, String key, String value) {
        String loaded = cache.getOrLoad(key, () -> {
            clock.add(Duration.ofMillis(40));   // delta: the load takes 40 ms on the mock clock
            return value;
        }, Duration.ofMinutes(10));
        RedisFixture.await("the write-back", () -> redis.raw(key) != null);
        return loaded;
    }

    @Test
    void farFromExpiryReadsServeTheCachedValue() {
        PerfMonCache<String> cache = cache("xf-far");
        String key = redis.key("k");
        loadOnce(cache, key, "v1");
        AtomicInteger reloads = new AtomicInteger();

        for (int i = 0; i < 200; i++) {
            assertThat(cache.getOrLoad(key, () -> "v" + reloads.incrementAndGet())).isEqualTo("v1");
        }

        assertThat(reloads).hasValue(0);
        assertThat(redis.count("perfmon.cache.early.recomputes", "cache", "xf-far")).isZero();
        assertThat(cache.get(key)).isEqualTo("v1");
    }

    @Test
    void aReadAtExpiryRecomputesWhileRedisStillHoldsTheValue() {
        PerfMonCache<String> cache = cache("xf-due");
        String key = redis.key("k");
        loadOnce(cache, key, "v1");
        byte[] stored = redis.raw(key);
        assertThat(stored.length).isEqualTo(15 + 2);   // header + payload

        clock.add(Duration.ofMinutes(10));
        String value = cache.getOrLoad(key, () -> "v2", Duration.ofMinutes(10));

        assertThat(value).isEqualTo("v2");
        assertThat(redis.count("perfmon.cache.early.recomputes", "cache", "xf-due")).isEqualTo(1);
        // A hit (the value was cached), and a load: misses stay at the first load's one.
        assertThat(redis.hits("xf-due")).isEqualTo(1);
        assertThat(redis.misses("xf-due")).isEqualTo(1);
        assertThat(redis.loads("xf-due", "success")).isEqualTo(2);
        RedisFixture.await("the refreshed value", () -> "v2".equals(cache.get(key)));
    }

    @Test
    void aFailedEarlyRecomputationServesTheStillValidCachedValue() {
        PerfMonCache<String> cache = cache("xf-fail");
        String key = redis.key("k");
        loadOnce(cache, key, "v1");
        clock.add(Duration.ofMinutes(10));

        String value = cache.getOrLoad(key, () -> {
            throw new IllegalStateException("database down");
        });
        String async = cache.async().getOrLoad(key,
                () -> CompletableFuture.<String>failedFuture(new IllegalStateException("down"))).toCompletableFuture().join();

        assertThat(value).isEqualTo("v1");
        assertThat(async).isEqualTo("v1");
        assertThat(redis.loads("xf-fail", "failure")).isEqualTo(2);
        assertThat(cache.loadsInFlight()).isZero();
    }

    @Test
    void withSingleFlightOneReaderRecomputesAndTheOthersKeepReadingTheCachedValue() throws Exception {
        PerfMonCache<String> cache = cache("xf-sf");
        String key = redis.key("k");
        loadOnce(cache, key, "v1");
        clock.add(Duration.ofMinutes(10));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> refresher = CompletableFuture.supplyAsync(() -> cache.getOrLoad(key, () -> {
            awaitQuietly(release);
            return "v2";
        }));
        RedisFixture.await("the refresh to start", () -> cache.loadsInFlight() == 1);

        // Due as well, but a refresh is in flight: served from Redis without waiting or loading.
        assertThat(cache.getOrLoad(key, () -> "v3")).isEqualTo("v1");
        assertThat(cache.async().getOrLoad(key, () -> CompletableFuture.completedFuture("v4"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("v1");
        release.countDown();

        assertThat(refresher.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
        assertThat(redis.count("perfmon.cache.early.recomputes", "cache", "xf-sf")).isEqualTo(1);
        assertThat(redis.count("perfmon.cache.coalesced", "cache", "xf-sf")).isZero();
    }

    @Test
    void valuesWrittenWithoutTheHeaderAreReadAsTheyAreAndNeverRecomputedEarly() {
        PerfMonCache<String> cache = cache("xf-plain");
        String key = redis.key("k");
        redis.connection.sync().set(key, "plain".getBytes(StandardCharsets.UTF_8));
        clock.add(Duration.ofDays(365));

        assertThat(cache.getOrLoad(key, () -> "reloaded")).isEqualTo("plain");
        assertThat(cache.get(key)).isEqualTo("plain");
    }

    @Test
    void theAsyncViewRecomputesEarlyToo() {
        PerfMonCache<String> cache = cache("xf-async");
        String key = redis.key("k");
        loadOnce(cache, key, "v1");
        clock.add(Duration.ofMinutes(10));

        String value = cache.async().getOrLoad(key, () -> CompletableFuture.completedFuture("v2"))
                .toCompletableFuture().join();

        assertThat(value).isEqualTo("v2");
        assertThat(redis.count("perfmon.cache.early.recomputes", "cache", "xf-async")).isEqualTo(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
