package dev.perfmon.redis;

import dev.perfmon.cache.CacheStampede;
import dev.perfmon.core.RequestScope;
import dev.perfmon.testsupport.TestThreads;
import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SingleFlightTest {

    private static final int CALLERS = 12;

    private RedisFixture redis = new RedisFixture();
    private final ExecutorService pool = TestThreads.executor(CALLERS);

    @AfterEach
    void close() {
        pool.shutdownNow();
        redis.close();
    }

    /** Starts {@code CALLERS} calls of {@code getOrLoad} at once. */
    private List<Future<String>> callTogether(PerfMonCache<String> cache, String key, java.util.function.Supplier<String> loader) {
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

    @Test
    void concurrentMissesForOneKeyShareOneLoadAndTheJoinersAreCountedAsCoalescedMissesNeverAsHits() throws Exception {
        PerfMonCache<String> cache = redis.cache("sf").build();
        String key = redis.key("hot");
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);

        List<Future<String>> results = callTogether(cache, key, () -> {
            calls.incrementAndGet();
            RedisFixture.await(release);
            return "from database";
        });
        RedisFixture.await("every other caller to join",
                () -> redis.count("perfmon.cache.coalesced", "cache", "sf") == CALLERS - 1);
        release.countDown();

        for (Future<String> result : results) {
            assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("from database");
        }
        assertThat(calls).hasValue(1);
        assertThat(redis.loads("sf", "success")).isEqualTo(1);
        // Nobody was served from Redis: the leader and every joiner found the key absent.
        assertThat(redis.misses("sf")).isEqualTo(CALLERS);
        assertThat(redis.hits("sf")).isZero();
        assertThat(redis.count("perfmon.cache.coalesced", "cache", "sf")).isEqualTo(CALLERS - 1);
        RedisFixture.await("the flight to end after the write-back", () -> cache.loadsInFlight() == 0);
        assertThat(new String(redis.raw(key), StandardCharsets.UTF_8)).isEqualTo("from database");
    }

    @Test
    void aFailedSharedLoadReachesEveryWaiterAndIsNotCached() throws Exception {
        PerfMonCache<String> cache = redis.cache("sf-fail").build();
        String key = redis.key("hot");
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        IllegalStateException boom = new IllegalStateException("database down");

        List<Future<String>> results = callTogether(cache, key, () -> {
            calls.incrementAndGet();
            RedisFixture.await(release);
            throw boom;
        });
        RedisFixture.await("every other caller to join",
                () -> redis.count("perfmon.cache.coalesced", "cache", "sf-fail") == CALLERS - 1);
        release.countDown();

        for (Future<String> result : results) {
            assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCause(boom);
        }
        assertThat(calls).hasValue(1);
        assertThat(redis.loads("sf-fail", "failure")).isEqualTo(1);
        // Joiners of a failed load got no value: misses, like the leader.
        assertThat(redis.misses("sf-fail")).isEqualTo(CALLERS);
        assertThat(redis.hits("sf-fail")).isZero();
        assertThat(redis.raw(key)).isNull();
        assertThat(cache.loadsInFlight()).isZero();
        assertThat(cache.getOrLoad(key, () -> "retried")).isEqualTo("retried");
    }

    @Test
    void anInterruptedJoinerStopsWaitingWithoutCancellingTheSharedLoad() throws Exception {
        PerfMonCache<String> cache = redis.cache("sf-interrupt").build();
        String key = redis.key("hot");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> leader = CompletableFuture.supplyAsync(() -> cache.getOrLoad(key, () -> {
            RedisFixture.await(release);
            return "shared";
        }), pool);
        RedisFixture.await("the load to start", () -> cache.loadsInFlight() == 1);
        CompletableFuture<Throwable> joinerOutcome = new CompletableFuture<>();
        Thread joiner = new Thread(() -> {
            try {
                cache.getOrLoad(key, () -> "second load");
                joinerOutcome.complete(null);
            } catch (Throwable t) {
                joinerOutcome.complete(t);
            }
        });
        joiner.start();
        RedisFixture.await("the joiner to join",
                () -> redis.count("perfmon.cache.coalesced", "cache", "sf-interrupt") == 1);
        joiner.interrupt();

        assertThat(joinerOutcome.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        release.countDown();
        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("shared");
    }

    @Test
    void anInvalidationDuringALoadKeepsTheStaleValueOutOfRedisAndLaterCallersLoadAnew() throws Exception {
        PerfMonCache<String> cache = redis.cache("sf-inv").build();
        String key = redis.key("post");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> stale = CompletableFuture.supplyAsync(() -> cache.getOrLoad(key, () -> {
            RedisFixture.await(release);
            return "old title";
        }), pool);
        RedisFixture.await("the load to start", () -> cache.loadsInFlight() == 1);

        cache.invalidate(key);
        String fresh = cache.getOrLoad(key, () -> "new title");
        release.countDown();

        assertThat(stale.get(10, TimeUnit.SECONDS)).isEqualTo("old title");
        assertThat(fresh).isEqualTo("new title");
        RedisFixture.await("both flights to end", () -> cache.loadsInFlight() == 0);
        assertThat(new String(redis.raw(key), StandardCharsets.UTF_8)).isEqualTo("new title");
        assertThat(redis.loads("sf-inv", "success")).isEqualTo(2);
    }

    @Test
    void aPutDuringALoadIsNotOverwrittenByTheLoadedValue() throws Exception {
        PerfMonCache<String> cache = redis.cache("sf-put").build();
        String key = redis.key("post");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> loading = CompletableFuture.supplyAsync(() -> cache.getOrLoad(key, () -> {
            RedisFixture.await(release);
            return "older";
        }), pool);
        RedisFixture.await("the load to start", () -> cache.loadsInFlight() == 1);

        cache.put(key, "newer");
        release.countDown();

        assertThat(loading.get(10, TimeUnit.SECONDS)).isEqualTo("older");
        RedisFixture.await("the flight to end", () -> cache.loadsInFlight() == 0);
        assertThat(new String(redis.raw(key), StandardCharsets.UTF_8)).isEqualTo("newer");
    }

    @Test
    void theInFlightMapIsBoundedAndLoadsPastTheBoundRunUntracked() throws Exception {
        PerfMonCache<String> cache = redis.cache("sf-bound").maxInFlightLoads(1).build();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> cache.getOrLoad(redis.key("a"), () -> {
            RedisFixture.await(release);
            return "a";
        }), pool);
        RedisFixture.await("the first load to start", () -> cache.loadsInFlight() == 1);
        AtomicInteger loadsOfB = new AtomicInteger();
        CountDownLatch bothLoadingB = new CountDownLatch(2);
        List<CompletableFuture<String>> bs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            bs.add(CompletableFuture.supplyAsync(() -> cache.getOrLoad(redis.key("b"), () -> {
                loadsOfB.incrementAndGet();
                bothLoadingB.countDown();
                RedisFixture.await(bothLoadingB);
                return "b";
            }), pool));
        }

        for (CompletableFuture<String> b : bs) {
            assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("b");
        }
        assertThat(loadsOfB).hasValue(2);
        assertThat(cache.loadsInFlight()).isEqualTo(1);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("a");
    }

    @Test
    void withoutSingleFlightConcurrentLoadsAreCountedAsAStampedeAndReportedAtMostOncePerInterval() throws Exception {
        redis.close();
        MockClock clock = new MockClock();
        redis = new RedisFixture(dev.perfmon.testsupport.TestRedis.uri(), clock);
        List<CacheStampede> events = new CopyOnWriteArrayList<>();
        redis.perfMon.addListener(CacheStampede.class, events::add);
        PerfMonCache<String> cache = redis.cache("herd").singleFlight(false)
                .stampedeEventInterval(Duration.ofSeconds(10)).build();
        String key = redis.key("hot");
        CountDownLatch allLoading = new CountDownLatch(CALLERS);

        List<Future<String>> results;
        try (RequestScope ignored = redis.perfMon.openScope("GET /posts")) {
            results = callTogether(cache, key, () -> {
                allLoading.countDown();
                RedisFixture.await(allLoading);
                return "same value, loaded " + CALLERS + " times";
            });
        }
        for (Future<String> result : results) {
            result.get(10, TimeUnit.SECONDS);
        }

        assertThat(redis.loads("herd", "success")).isEqualTo(CALLERS);
        assertThat(redis.misses("herd")).isEqualTo(CALLERS);
        assertThat(redis.count("perfmon.cache.stampede", "cache", "herd")).isEqualTo(CALLERS - 1);
        assertThat(redis.count("perfmon.cache.coalesced", "cache", "herd")).isZero();
        assertThat(events).hasSize(1);
        CacheStampede first = events.get(0);
        assertThat(first.cache()).isEqualTo("herd");
        assertThat(first.route()).isEqualTo("none");
        assertThat(first.kind()).isEqualTo("cache.stampede");
        assertThat(first.summary()).contains("herd").doesNotContain(key);

        // A second herd after the interval is reported with everything suppressed since the first event.
        clock.add(Duration.ofSeconds(11));
        CountDownLatch twoLoading = new CountDownLatch(2);
        redis.connection.sync().del(key);
        List<CompletableFuture<String>> pair = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            pair.add(CompletableFuture.supplyAsync(() -> cache.getOrLoad(key, () -> {
                twoLoading.countDown();
                RedisFixture.await(twoLoading);
                return "v";
            }), pool));
        }
        for (CompletableFuture<String> f : pair) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(events).hasSize(2);
        long reported = events.stream().mapToLong(CacheStampede::duplicateLoads).sum();
        assertThat(reported).isEqualTo(CALLERS);
        assertThat(events.get(1).maxConcurrentLoads()).isGreaterThanOrEqualTo(2);
    }
}
