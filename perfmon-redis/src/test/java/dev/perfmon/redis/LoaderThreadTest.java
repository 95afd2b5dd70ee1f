package dev.perfmon.redis;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.Segment;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the asynchronous and reactive views invoke a loader: on the cache's loader executor,
 * never on the thread that learned of the miss. That thread is Lettuce's event loop after a
 * reply, or the JDK's single {@code CompletableFuture} delay thread after the cache's own
 * timeout; a loader that blocks there stalls the connection or every timeout in the JVM.
 * Redis is made slow as in {@link FailureBehaviourTest}: a blocking BLPOP on the cache's own
 * connection holds every later command of that connection behind it.
 */
class LoaderThreadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String JDK_DELAY_THREAD = "CompletableFutureDelayScheduler";

    private final RedisFixture redis = new RedisFixture();
    private final StatefulRedisConnection<String, byte[]> connection = redis.client.connect(PerfMonRedis.codec());
    private final ExecutorService appLoaders = Executors.newSingleThreadExecutor(task -> new Thread(task, "app-loader"));

    @AfterEach
    void close() {
        appLoaders.shutdownNow();
        connection.close();
        redis.close();
    }

    /** Stalls the connection far longer than any wait of these tests. */
    private RedisFuture<?> stall() {
        return connection.async().blpop(30.0, redis.key("never-pushed"));
    }

    /** A cache on the stallable connection, with a short timeout of its own. */
    private PerfMonCache.Builder<String> cache(String name) {
        return PerfMonCache.builder(redis.perfMon, connection).name(name).timeout(Duration.ofMillis(100));
    }

    @Test
    void aBlockingLoaderAfterARedisTimeoutRunsOnTheCommonPoolByDefaultAndLeavesTheJdkDelayThreadFree() {
        PerfMonCache<String> cache = cache("timeout-default").build();
        RedisFuture<?> stall = stall();
        AtomicReference<String> loaderThread = new AtomicReference<>();
        CountDownLatch database = new CountDownLatch(1);

        CompletableFuture<String> loaded = cache.async().getOrLoad(redis.key("post"), () -> {
            loaderThread.set(Thread.currentThread().getName());
            RedisFixture.await(database);   // a blocking repository call, wrapped in a completed stage
            return CompletableFuture.completedFuture("from database");
        }).toCompletableFuture();
        try {
            RedisFixture.await("the loader to start", () -> loaderThread.get() != null);
            assertThat(loaderThread.get()).startsWith("ForkJoinPool.commonPool-worker")
                    .doesNotContain(JDK_DELAY_THREAD).doesNotContainIgnoringCase("lettuce");
            // While the loader blocks, the cache's other timeouts still fire.
            assertThat(cache.async().get(redis.key("other")).toCompletableFuture()).succeedsWithin(WAIT).isNull();
        } finally {
            database.countDown();
        }

        assertThat(loaded).succeedsWithin(WAIT).isEqualTo("from database");
        assertThat(stall.isDone()).isFalse();
        assertThat(redis.errors("timeout-default", "get", "timeout")).isEqualTo(2);
        assertThat(redis.loads("timeout-default", "success")).isEqualTo(1);
    }

    @Test
    void aLoaderAfterARedisTimeoutRunsOnTheConfiguredExecutorAndRecordsIntoTheCallersScope() {
        PerfMonCache<String> cache = cache("timeout-scope").loaderExecutor(appLoaders).build();
        stall();
        AtomicReference<String> loaderThread = new AtomicReference<>();
        AtomicReference<RequestScope> loaderScope = new AtomicReference<>();

        try (RequestScope scope = redis.perfMon.openScope("GET /posts/{id}")) {
            CompletableFuture<String> loaded = cache.async().getOrLoad(redis.key("post"), () -> {
                loaderThread.set(Thread.currentThread().getName());
                loaderScope.set(redis.perfMon.currentScope());
                redis.perfMon.recordSegment(Segment.DB_QUERY, 3_000_000);   // what a JDBC decorator records
                redis.perfMon.increment(ScopeCounter.STATEMENTS);
                return CompletableFuture.completedFuture("from database");
            }).toCompletableFuture();

            assertThat(loaded).succeedsWithin(WAIT).isEqualTo("from database");
            assertThat(loaderThread.get()).isEqualTo("app-loader");
            assertThat(loaderScope.get()).isSameAs(scope);
            assertThat(scope.segmentNanos(Segment.DB_QUERY)).isEqualTo(3_000_000);
            assertThat(scope.segmentCount(Segment.DB_QUERY)).isEqualTo(1);
            assertThat(scope.counter(ScopeCounter.STATEMENTS)).isEqualTo(1);
            // The timed-out GET is in the scope's Redis time; a fail-open read is not a miss.
            assertThat(scope.segmentCount(Segment.REDIS)).isEqualTo(1);
            assertThat(scope.counter(ScopeCounter.CACHE_MISSES)).isZero();
        }
        assertThat(redis.errors("timeout-scope", "get", "timeout")).isEqualTo(1);
    }

    @Test
    void aLoaderAfterARedisReplyRunsOnTheConfiguredExecutorNotOnLettucesEventLoop() {
        PerfMonCache<String> cache = redis.cache("reply").loaderExecutor(appLoaders).build();
        AtomicReference<String> loaderThread = new AtomicReference<>();
        AtomicReference<RequestScope> loaderScope = new AtomicReference<>();

        try (RequestScope scope = redis.perfMon.openScope("GET /posts/{id}")) {
            CompletableFuture<String> loaded = cache.async().getOrLoad(redis.key("post"), () -> {
                loaderThread.set(Thread.currentThread().getName());
                loaderScope.set(redis.perfMon.currentScope());
                return CompletableFuture.completedFuture("from database");
            }).toCompletableFuture();

            assertThat(loaded).succeedsWithin(WAIT).isEqualTo("from database");
            assertThat(loaderScope.get()).isSameAs(scope);
            assertThat(scope.counter(ScopeCounter.CACHE_MISSES)).isEqualTo(1);
        }
        assertThat(loaderThread.get()).isEqualTo("app-loader");
        assertThat(redis.misses("reply")).isEqualTo(1);
    }

    @Test
    void aReactiveLoaderAfterARedisTimeoutIsSubscribedOnTheConfiguredExecutorWithTheScopeBound() {
        PerfMonCache<String> cache = cache("reactive-timeout").loaderExecutor(appLoaders).build();
        stall();
        AtomicReference<String> loaderThread = new AtomicReference<>();

        try (RequestScope scope = redis.perfMon.openScope("GET /posts/{id}")) {
            String loaded = cache.reactive().getOrLoad(redis.key("post"), () -> Mono.fromCallable(() -> {
                loaderThread.set(Thread.currentThread().getName());   // a blocking call inside the Mono
                redis.perfMon.recordSegment(Segment.DB_QUERY, 2_000_000);
                return "from database";
            })).block(WAIT);

            assertThat(loaded).isEqualTo("from database");
            assertThat(scope.segmentNanos(Segment.DB_QUERY)).isEqualTo(2_000_000);
        }
        assertThat(loaderThread.get()).isEqualTo("app-loader");
    }

    @Test
    void anExecutorThatRejectsTheLoaderFailsTheLoadWithItsRejectionAndLeavesNoLoadBehind() {
        RejectedExecutionException full = new RejectedExecutionException("loader queue full");
        PerfMonCache<String> cache = redis.cache("rejected").loaderExecutor(task -> {
            throw full;
        }).build();

        CompletableFuture<String> loaded = cache.async().getOrLoad(redis.key("post"),
                () -> CompletableFuture.completedFuture("never invoked")).toCompletableFuture();

        assertThat(loaded).failsWithin(WAIT).withThrowableThat().withCause(full);
        assertThat(redis.loads("rejected", "failure")).isEqualTo(1);
        assertThat(cache.loadsInFlight()).isZero();
    }
}
