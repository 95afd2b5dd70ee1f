package dev.perfmon.redis;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.testsupport.TestRedis;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A registry whose cache meters throw on every update (a broken registry, or a bug of perfmon's)
 * never reaches the application: every view returns what it would return with working meters,
 * every caller of a shared load gets its value, the cross-instance lock is released, and each
 * failed update is counted once as {@code perfmon.internal.errors{component=redis-cache}}, a
 * meter of its own that still works. Every wait is bounded, so a load left unfinished fails the
 * test instead of hanging it.
 */
class BrokenMetersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CALLERS = 8;

    /** Counters and timers whose name matches throw on every update; the others work. */
    static final class ThrowingMeters extends SimpleMeterRegistry {
        private final Predicate<String> broken;

        ThrowingMeters(Predicate<String> broken) {
            this.broken = broken;
        }

        /** Only the cache's own meters ({@code cache.*}, {@code perfmon.cache.*}) are broken. */
        static ThrowingMeters cacheMeters() {
            return new ThrowingMeters(name -> name.startsWith("cache.") || name.startsWith("perfmon.cache."));
        }

        /** Every counter and timer is broken, {@code perfmon.internal.errors} included. */
        static ThrowingMeters everyMeter() {
            return new ThrowingMeters(name -> true);
        }

        @Override
        protected Counter newCounter(Meter.Id id) {
            if (!broken.test(id.getName())) {
                return super.newCounter(id);
            }
            return new CumulativeCounter(id) {
                @Override
                public void increment(double amount) {
                    throw new IllegalStateException("registry broken");
                }
            };
        }

        @Override
        protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
            if (!broken.test(id.getName())) {
                return super.newTimer(id, config, pauseDetector);
            }
            return new CumulativeTimer(id, clock, config.merge(DistributionStatisticConfig.DEFAULT), pauseDetector,
                    getBaseTimeUnit(), false) {
                @Override
                protected void recordNonNegative(long amount, TimeUnit unit) {
                    throw new IllegalStateException("registry broken");
                }
            };
        }
    }

    /** How a caller reaches the cache; each call returns a future so that every wait is bounded. */
    enum View {
        BLOCKING {
            @Override
            CompletableFuture<String> getOrLoad(PerfMonCache<String> cache, String key, String value,
                                                ExecutorService callers) {
                return CompletableFuture.supplyAsync(() -> cache.getOrLoad(key, () -> value), callers);
            }
        },
        ASYNC {
            @Override
            CompletableFuture<String> getOrLoad(PerfMonCache<String> cache, String key, String value,
                                                ExecutorService callers) {
                return cache.async().getOrLoad(key, () -> CompletableFuture.completedFuture(value))
                        .toCompletableFuture();
            }
        },
        REACTIVE {
            @Override
            CompletableFuture<String> getOrLoad(PerfMonCache<String> cache, String key, String value,
                                                ExecutorService callers) {
                return cache.reactive().getOrLoad(key, () -> Mono.just(value)).toFuture();
            }
        };

        abstract CompletableFuture<String> getOrLoad(PerfMonCache<String> cache, String key, String value,
                                                     ExecutorService callers);
    }

    private final MockClock clock = new MockClock();
    private final RedisFixture redis = new RedisFixture(TestRedis.uri(), clock, ThrowingMeters.cacheMeters());
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

    @AfterEach
    void close() {
        callers.shutdownNow();
        redis.close();
    }

    private long failures() {
        return redis.perfMon.failureCount("redis-cache");
    }

    private void awaitFailures(long expected) {
        RedisFixture.await(expected + " contained failures (now " + failures() + ")", () -> failures() == expected);
    }

    private String text(byte[] stored) {
        return stored == null ? null : new String(stored, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void getOrLoadServesTheLoadersValueAndThenTheCachedOne(View view) throws Exception {
        PerfMonCache<String> cache = redis.cache("broken").build();
        String key = redis.key("post");

        assertThat(view.getOrLoad(cache, key, "post", callers).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("post");
        RedisFixture.await("the write-back", () -> "post".equals(text(redis.raw(key))));
        assertThat(view.getOrLoad(cache, key, "loaded again", callers).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("post");

        // The miss, the load's timer and the write-back's put, then the hit: one failure each.
        awaitFailures(4);
        assertThat(redis.count("perfmon.internal.errors", "component", "redis-cache")).isEqualTo(4);
        assertThat(cache.loadsInFlight()).isZero();
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void theCrossInstanceLockIsReleasedWhenTheLoadEnds(View view) throws Exception {
        PerfMonCache<String> cache = redis.cache("broken-locked")
                .crossInstanceLock(Duration.ofSeconds(60), Duration.ofSeconds(5)).build();
        String key = redis.key("post");

        assertThat(view.getOrLoad(cache, key, "post", callers).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("post");

        // The release went out on the same connection before the caller got its value, and Redis
        // runs one connection's commands in order: the lock is gone now, not when its lease ends.
        assertThat(redis.raw(key + ":lock")).isNull();
        assertThat(text(redis.raw(key))).isEqualTo("post");
        // The lock's "acquired", the miss, the load's timer and the write-back's put.
        awaitFailures(4);
        assertThat(cache.loadsInFlight()).isZero();
    }

    @Test
    void getPutAndInvalidateAnswerOnEveryViewAsWithWorkingMeters() {
        PerfMonCache<String> cache = redis.cache("broken").build();
        String key = redis.key("post");

        try (RequestScope scope = redis.perfMon.openScope("GET /posts/{id}")) {
            assertThat(cache.put(key, "post")).isTrue();
            assertThat(cache.get(key)).isEqualTo("post");
            assertThat(cache.invalidate(key)).isTrue();
            assertThat(cache.get(key)).isNull();
            // The request's own counts are kept although the meters failed.
            assertThat(scope.counter(ScopeCounter.CACHE_HITS)).isEqualTo(1);
            assertThat(scope.counter(ScopeCounter.CACHE_MISSES)).isEqualTo(1);
        }
        assertThat(failures()).isEqualTo(4);

        PerfMonAsyncCache<String> async = cache.async();
        assertThat(async.put(key, "post")).succeedsWithin(WAIT).isEqualTo(true);
        assertThat(async.get(key)).succeedsWithin(WAIT).isEqualTo("post");
        assertThat(async.invalidate(key)).succeedsWithin(WAIT).isEqualTo(true);
        assertThat(async.get(key)).succeedsWithin(WAIT).isNull();
        assertThat(failures()).isEqualTo(8);

        PerfMonReactiveCache<String> reactive = cache.reactive();
        assertThat(reactive.put(key, "post").block(WAIT)).isTrue();
        assertThat(reactive.get(key).block(WAIT)).isEqualTo("post");
        assertThat(reactive.invalidate(key).block(WAIT)).isTrue();
        assertThat(reactive.get(key).blockOptional(WAIT)).isEmpty();
        assertThat(failures()).isEqualTo(12);
    }

    @Test
    void blockingCallersOfOneKeyAllGetTheOneLoadedValue() throws Exception {
        PerfMonCache<String> cache = redis.cache("broken-shared").build();
        String key = redis.key("post");
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            results.add(callers.submit(() -> {
                start.await();
                return cache.getOrLoad(key, () -> {
                    loads.incrementAndGet();
                    RedisFixture.await(release);
                    return "post";
                });
            }));
        }
        start.countDown();
        // The leader's miss and each joiner's "coalesced" and miss: every caller is in before the load ends.
        awaitFailures(1 + 2 * (CALLERS - 1));
        release.countDown();

        for (Future<String> result : results) {
            assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("post");
        }
        assertThat(loads).hasValue(1);
        // Then the load's timer and the write-back's put (a joiner is never a hit).
        awaitFailures(1 + 2 * (CALLERS - 1) + 2);
        assertThat(cache.loadsInFlight()).isZero();
    }

    @Test
    void asyncAndReactiveCallersOfOneKeyAllGetTheOneLoadedValue() {
        PerfMonCache<String> cache = redis.cache("broken-shared").build();
        String key = redis.key("post");
        CompletableFuture<String> database = new CompletableFuture<>();
        AtomicInteger loads = new AtomicInteger();

        CompletableFuture<String> leader = cache.async().getOrLoad(key, () -> {
            loads.incrementAndGet();
            return database;
        }).toCompletableFuture();
        RedisFixture.await("the load to start", () -> loads.get() == 1);
        List<CompletableFuture<String>> joiners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            joiners.add(cache.async().getOrLoad(key, () -> {
                loads.incrementAndGet();
                return CompletableFuture.completedFuture("second load");
            }).toCompletableFuture());
            joiners.add(cache.reactive().getOrLoad(key, () -> {
                loads.incrementAndGet();
                return Mono.just("second load");
            }).toFuture());
        }
        awaitFailures(1 + 2 * joiners.size());
        database.complete("post");

        assertThat(leader).succeedsWithin(WAIT).isEqualTo("post");
        for (CompletableFuture<String> joiner : joiners) {
            assertThat(joiner).succeedsWithin(WAIT).isEqualTo("post");
        }
        assertThat(loads).hasValue(1);
        awaitFailures(1 + 2 * joiners.size() + 2);
        assertThat(cache.loadsInFlight()).isZero();
    }

    @Test
    void concurrentLoadsWithoutSingleFlightEachServeTheirValueWhileTheStampedeIsCounted() throws Exception {
        PerfMonCache<String> cache = redis.cache("broken-naive").singleFlight(false).build();
        String key = redis.key("post");
        CountDownLatch secondLoading = new CountDownLatch(1);

        Future<String> first = callers.submit(() -> cache.getOrLoad(key, () -> {
            RedisFixture.await(secondLoading);
            return "first";
        }));
        RedisFixture.await("the first load to start", () -> cache.loadsInFlight() == 1 && failures() == 1);
        Future<String> second = callers.submit(() -> cache.getOrLoad(key, () -> {
            secondLoading.countDown();
            return "second";
        }));

        assertThat(second.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("first");
        // Per load: the miss, the timer and the put; the second also its stampede count.
        awaitFailures(7);
        assertThat(cache.loadsInFlight()).isZero();
    }

    @ParameterizedTest
    @EnumSource(View.class)
    void anEarlyRecomputationServesTheNewValue(View view) throws Exception {
        PerfMonCache<String> cache = redis.cache("broken-early").earlyRecomputation(1.0).build();
        String key = redis.key("post");
        assertThat(view.getOrLoad(cache, key, "post v1", callers).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("post v1");
        RedisFixture.await("the write-back", () -> redis.raw(key) != null);
        awaitFailures(3);

        clock.add(Duration.ofMinutes(10));   // past the value's expiry: every read is due
        assertThat(view.getOrLoad(cache, key, "post v2", callers).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("post v2");

        // The hit, the recomputation, the load's timer and the write-back's put.
        awaitFailures(3 + 4);
        assertThat(cache.loadsInFlight()).isZero();
    }

    @Test
    void aRedisFailureIsStillHandledByTheFailureModeAlthoughItsErrorCountFails() {
        StatefulRedisConnection<String, byte[]> closed = redis.client.connect(PerfMonRedis.codec());
        PerfMonCache<String> open = PerfMonCache.builder(redis.perfMon, closed).name("broken-open")
                .timeout(Duration.ofSeconds(2)).build();
        PerfMonCache<String> shut = PerfMonCache.builder(redis.perfMon, closed).name("broken-closed")
                .timeout(Duration.ofSeconds(2)).failureMode(FailureMode.FAIL_CLOSED).build();
        closed.close();
        String key = redis.key("post");

        assertThat(open.get(key)).isNull();
        assertThat(open.getOrLoad(key, () -> "post")).isEqualTo("post");
        assertThat(open.async().get(key)).succeedsWithin(WAIT).isNull();
        assertThat(open.reactive().getOrLoad(key, () -> Mono.just("post")).block(WAIT)).isEqualTo("post");
        assertThatThrownBy(() -> shut.get(key)).isInstanceOf(CacheUnavailableException.class);
        assertThat(shut.async().get(key)).failsWithin(WAIT).withThrowableThat()
                .withCauseInstanceOf(CacheUnavailableException.class);

        // Each Redis failure's error count (the GETs, and the fail-open loads' timers).
        awaitFailures(6 + 2);
    }

    @Test
    void aRegistryWhoseEveryMeterThrowsStillServesEveryViewThoughNothingCanCountIt() throws Exception {
        try (RedisFixture everyMeterBroken = new RedisFixture(TestRedis.uri(), null, ThrowingMeters.everyMeter())) {
            PerfMonCache<String> cache = everyMeterBroken.cache("all-broken")
                    .crossInstanceLock(Duration.ofSeconds(60), Duration.ofSeconds(5)).build();
            for (View view : View.values()) {
                String key = everyMeterBroken.key(view.name());
                assertThat(view.getOrLoad(cache, key, "post", callers).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo("post");
                assertThat(everyMeterBroken.raw(key + ":lock")).isNull();
                assertThat(view.getOrLoad(cache, key, "loaded again", callers)
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("post");
            }
            assertThat(cache.loadsInFlight()).isZero();
            // perfmon.internal.errors is one of the broken counters: the failures are counted in memory.
            assertThat(everyMeterBroken.perfMon.failureCount("redis-cache")).isPositive();
            assertThat(everyMeterBroken.perfMon.lostMeasurements("redis-cache")).isZero(); // reported as failures
        }
    }
}
