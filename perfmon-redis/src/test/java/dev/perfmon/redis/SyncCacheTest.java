package dev.perfmon.redis;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.Segment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncCacheTest {

    private final RedisFixture redis = new RedisFixture();

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void registersEveryMeterWhenTheCacheIsBuilt() {
        redis.cache("built").build();

        assertThat(redis.hits("built")).isZero();
        assertThat(redis.misses("built")).isZero();
        assertThat(redis.count("cache.puts", "cache", "built")).isZero();
        assertThat(redis.loads("built", "success")).isZero();
        assertThat(redis.loads("built", "failure")).isZero();
        assertThat(redis.count("perfmon.cache.coalesced", "cache", "built")).isZero();
        assertThat(redis.count("perfmon.cache.stampede", "cache", "built")).isZero();
        for (String operation : new String[] {"get", "put", "delete", "lock"}) {
            for (String cause : new String[] {"timeout", "connection", "codec", "server", "rejected"}) {
                assertThat(redis.errors("built", operation, cause)).as(operation + "/" + cause).isZero();
            }
        }
    }

    @Test
    void aCacheBuiltFromLettucesBlockingCommandsWorksOverTheSameConnection() {
        PerfMonCache<String> cache = PerfMonCache.builder(redis.perfMon, redis.connection.sync())
                .name("from-sync").timeout(Duration.ofSeconds(2)).build();
        String key = redis.key("k");

        assertThat(cache.getOrLoad(key, () -> "loaded")).isEqualTo("loaded");
        RedisFixture.await("the write-back", () -> redis.raw(key) != null);
        assertThat(new String(redis.connection.sync().get(key), StandardCharsets.UTF_8)).isEqualTo("loaded");
        assertThat(cache.get(key)).isEqualTo("loaded");
        assertThat(redis.misses("from-sync")).isEqualTo(1);
        assertThat(redis.hits("from-sync")).isEqualTo(1);
    }

    @Test
    void getCountsAMissThenAHitAfterPut() {
        PerfMonCache<String> cache = redis.cache("posts").build();
        String key = redis.key("post:1");

        assertThat(cache.get(key)).isNull();
        assertThat(cache.put(key, "hello", Duration.ofMinutes(1))).isTrue();
        assertThat(cache.get(key)).isEqualTo("hello");

        assertThat(redis.misses("posts")).isEqualTo(1);
        assertThat(redis.hits("posts")).isEqualTo(1);
        assertThat(redis.count("cache.puts", "cache", "posts")).isEqualTo(1);
        assertThat(new String(redis.raw(key), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void putSetsTheTtlInRedis() {
        PerfMonCache<String> cache = redis.cache("ttl").ttl(Duration.ofSeconds(30)).build();
        String explicit = redis.key("explicit");
        String byDefault = redis.key("default");

        cache.put(explicit, "v", Duration.ofMillis(5_000));
        cache.put(byDefault, "v");

        assertThat(redis.connection.sync().pttl(explicit)).isBetween(1L, 5_000L);
        assertThat(redis.connection.sync().pttl(byDefault)).isBetween(5_001L, 30_000L);
    }

    @Test
    void aValueExpiresAfterItsTtl() {
        PerfMonCache<String> cache = redis.cache("expiry").build();
        String key = redis.key("short");
        cache.put(key, "v", Duration.ofMillis(50));

        RedisFixture.await("the key to expire", () -> redis.raw(key) == null);

        assertThat(cache.get(key)).isNull();
    }

    @Test
    void invalidateDeletesTheKeyAndCountsIt() {
        PerfMonCache<String> cache = redis.cache("inv").build();
        String key = redis.key("k");
        cache.put(key, "v");

        assertThat(cache.invalidate(key)).isTrue();
        assertThat(cache.delete(key)).isFalse();

        assertThat(redis.raw(key)).isNull();
        assertThat(redis.count("perfmon.cache.invalidations", "cache", "inv")).isEqualTo(2);
    }

    @Test
    void getOrLoadLoadsOnceThenServesHits() {
        PerfMonCache<String> cache = redis.cache("gol").build();
        String key = redis.key("k");
        AtomicInteger calls = new AtomicInteger();

        for (int i = 0; i < 5; i++) {
            assertThat(cache.getOrLoad(key, () -> "loaded-" + calls.incrementAndGet(), Duration.ofMinutes(1)))
                    .isEqualTo("loaded-1");
            // The write-back is asynchronous; wait for it so the next call can hit.
            RedisFixture.await("the write-back", () -> redis.raw(key) != null);
        }

        assertThat(calls).hasValue(1);
        assertThat(redis.misses("gol")).isEqualTo(1);
        assertThat(redis.hits("gol")).isEqualTo(4);
        assertThat(redis.loads("gol", "success")).isEqualTo(1);
        RedisFixture.await("the put to be counted", () -> redis.count("cache.puts", "cache", "gol") == 1);
        assertThat(redis.connection.sync().pttl(key)).isBetween(1L, 60_000L);
    }

    @Test
    void hitsMissesAndRedisTimeGoIntoTheRequestScope() {
        PerfMonCache<String> cache = redis.cache("scoped").build();
        String key = redis.key("k");
        try (RequestScope scope = redis.perfMon.openScope("GET /posts/{id}")) {
            cache.getOrLoad(key, () -> "v");
            RedisFixture.await("the write-back", () -> redis.raw(key) != null);
            cache.getOrLoad(key, () -> "v");
            cache.get(key);

            assertThat(scope.counter(ScopeCounter.CACHE_MISSES)).isEqualTo(1);
            assertThat(scope.counter(ScopeCounter.CACHE_HITS)).isEqualTo(2);
            // Three GETs waited for; the asynchronous write-back is not the request's time.
            assertThat(scope.segmentCount(Segment.REDIS)).isEqualTo(3);
            assertThat(scope.segmentNanos(Segment.REDIS)).isPositive();
        }
    }

    @Test
    void loaderExceptionsPassThroughUnchangedAndNothingIsCached() {
        PerfMonCache<String> cache = redis.cache("failing").build();
        String key = redis.key("k");
        IllegalStateException boom = new IllegalStateException("database down");

        assertThatThrownBy(() -> cache.getOrLoad(key, () -> {
            throw boom;
        })).isSameAs(boom);

        assertThat(redis.raw(key)).isNull();
        assertThat(redis.loads("failing", "failure")).isEqualTo(1);
        assertThat(redis.loads("failing", "success")).isZero();
        assertThat(cache.loadsInFlight()).isZero();
        assertThat(cache.getOrLoad(key, () -> "recovered")).isEqualTo("recovered");
    }

    @Test
    void nullLoaderResultsAreReturnedAndNotCachedByDefault() {
        PerfMonCache<String> cache = redis.cache("nulls").build();
        String key = redis.key("absent");
        AtomicInteger calls = new AtomicInteger();

        assertThat(cache.getOrLoad(key, () -> {
            calls.incrementAndGet();
            return null;
        })).isNull();
        assertThat(cache.getOrLoad(key, () -> {
            calls.incrementAndGet();
            return null;
        })).isNull();

        assertThat(calls).hasValue(2);
        assertThat(redis.raw(key)).isNull();
        assertThat(redis.misses("nulls")).isEqualTo(2);
        assertThat(cache.loadsInFlight()).isZero();
    }

    @Test
    void negativeCachingStoresAbsenceForTheNegativeTtlAndServesItAsAHit() {
        PerfMonCache<String> cache = redis.cache("negative").negativeTtl(Duration.ofSeconds(7)).build();
        String key = redis.key("absent");
        AtomicInteger calls = new AtomicInteger();

        assertThat(cache.getOrLoad(key, () -> {
            calls.incrementAndGet();
            return null;
        }, Duration.ofMinutes(5))).isNull();
        RedisFixture.await("the negative entry", () -> redis.raw(key) != null);
        assertThat(cache.getOrLoad(key, () -> "never called")).isNull();
        assertThat(cache.get(key)).isNull();

        assertThat(calls).hasValue(1);
        assertThat(redis.misses("negative")).isEqualTo(1);
        assertThat(redis.hits("negative")).isEqualTo(2);
        assertThat(redis.connection.sync().pttl(key)).isBetween(1L, 7_000L);
    }

    @Test
    void aValueTheCodecCannotDecodeIsACodecErrorAndAMissThatReloadsAndOverwritesIt() {
        ValueCodec<Integer> numbers = ValueCodec.of(
                value -> Integer.toString(value).getBytes(StandardCharsets.UTF_8),
                bytes -> Integer.parseInt(new String(bytes, StandardCharsets.UTF_8)));
        PerfMonCache<Integer> cache = redis.cache("codec").codec(numbers).build();
        String key = redis.key("n");
        redis.connection.sync().set(key, "not a number".getBytes(StandardCharsets.UTF_8));

        assertThat(cache.get(key)).isNull();
        assertThat(cache.getOrLoad(key, () -> 42)).isEqualTo(42);
        RedisFixture.await("the overwrite", () -> "42".equals(new String(redis.raw(key), StandardCharsets.UTF_8)));
        assertThat(cache.get(key)).isEqualTo(42);

        assertThat(redis.errors("codec", "get", "codec")).isEqualTo(2);
        assertThat(redis.misses("codec")).isEqualTo(2);
        assertThat(redis.hits("codec")).isEqualTo(1);
        // The connection is unharmed: Lettuce only ever saw bytes.
        assertThat(redis.connection.sync().ping()).isEqualTo("PONG");
    }

    @Test
    void aValueTheCodecCannotEncodeIsNotWrittenAndIsCountedButStillReturned() {
        ValueCodec<String> picky = ValueCodec.of(value -> {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }, bytes -> new String(bytes, StandardCharsets.UTF_8));
        PerfMonCache<String> cache = redis.cache("encode").codec(picky).build();
        String key = redis.key("k");

        assertThat(cache.put(key, "")).isFalse();
        assertThat(cache.getOrLoad(key, () -> "")).isEmpty();

        assertThat(redis.errors("encode", "put", "codec")).isEqualTo(2);
        assertThat(redis.raw(key)).isNull();
    }

    @Test
    void aCustomCodecRoundTripsThroughTheBytesConnection() {
        PerfMonCache<byte[]> cache = redis.cache("bytes").codec(ValueCodec.bytes()).build();
        String key = redis.key("b");
        byte[] value = {0, 1, 2, (byte) 0xFF};

        cache.put(key, value);

        assertThat(cache.get(key)).containsExactly(value);
    }

    @Test
    void invalidSettingsAreRejectedAtBuildTimeWithTheValue() {
        assertThatThrownBy(() -> PerfMonCache.builder(redis.perfMon, redis.connection).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> redis.cache("x").timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> redis.cache("x").ttl(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> redis.cache("x").maxPendingCommands(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPendingCommands").hasMessageContaining("0");
        assertThatThrownBy(() -> redis.cache("x").maxInFlightLoads(-3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-3");
        assertThatThrownBy(() -> redis.cache("x").earlyRecomputation(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> redis.cache("x").crossInstanceLock(Duration.ofSeconds(1), Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxWait");
        PerfMonCache<String> cache = redis.cache("x").build();
        assertThatThrownBy(() -> cache.put(redis.key("k"), "v", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> cache.put(redis.key("k"), null)).isInstanceOf(NullPointerException.class);
    }
}
