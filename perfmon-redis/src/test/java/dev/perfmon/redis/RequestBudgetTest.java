package dev.perfmon.redis;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a real redis-server hangs (SIGSTOP), a request scope with several cache operations pays
 * at most one cache timeout: once its Redis time reaches the budget (by default the timeout),
 * the rest of its operations skip Redis ({@code cause=budget}) and are served by the loader.
 */
class RequestBudgetTest {

    private static final Duration TIMEOUT = Duration.ofMillis(150);
    private static final long LOADER_MILLIS = 2;
    private static final int OPS_PER_SCOPE = 5;

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final RedisProcess server = new RedisProcess();
    private final RedisClient client = RedisClient.create(server.uri());
    private final StatefulRedisConnection<String, byte[]> connection;

    RequestBudgetTest() {
        client.setOptions(PerfMonRedis.clientOptions());
        connection = client.connect(PerfMonRedis.codec());
    }

    @AfterEach
    void close() {
        server.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        perfMon.close();
    }

    private double errors(String cache, String cause) {
        return registry.get("perfmon.cache.errors").tags("cache", cache, "operation", "get", "cause", cause)
                .counter().count();
    }

    private static String load(String key) {
        try {
            Thread.sleep(LOADER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "db:" + key;
    }

    /** One request: OPS_PER_SCOPE reads over the two caches; returns its elapsed milliseconds. */
    private long request(PerfMonCache<String> posts, PerfMonCache<String> users, int n) {
        long start = System.nanoTime();
        try (RequestScope scope = perfMon.openScope("GET /page")) {
            for (int i = 0; i < OPS_PER_SCOPE; i++) {
                String key = "k" + n + ":" + i;
                PerfMonCache<String> cache = i % 2 == 0 ? posts : users;
                if (!cache.getOrLoad(key, () -> load(key)).equals("db:" + key)) {
                    throw new AssertionError("wrong value");
                }
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long bound() {
        return TIMEOUT.toMillis() * 3 / 2 + OPS_PER_SCOPE * (LOADER_MILLIS + 20);
    }

    @Test
    void withoutABreakerEachRequestPaysOneTimeoutAndTheRestOfItsOperationsSkipRedis() {
        RedisCircuitBreaker off = RedisCircuitBreaker.disabled();
        PerfMonCache<String> posts = PerfMonCache.builder(perfMon, connection).name("posts").timeout(TIMEOUT)
                .circuitBreaker(off).build();
        PerfMonCache<String> users = PerfMonCache.builder(perfMon, connection).name("users").timeout(TIMEOUT)
                .circuitBreaker(off).build();
        request(posts, users, 0); // healthy: warms up the connection

        server.pause();
        List<Long> elapsed = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            elapsed.add(request(posts, users, n));
        }
        server.resume();

        assertThat(elapsed).allSatisfy(ms -> assertThat(ms).isBetween(TIMEOUT.toMillis() - 5, bound()));
        // Per request: the first read timed out, the other four skipped Redis.
        assertThat(errors("posts", "timeout") + errors("users", "timeout")).isEqualTo(4);
        assertThat(errors("posts", "budget") + errors("users", "budget")).isEqualTo(4 * (OPS_PER_SCOPE - 1));
        assertThat(registry.get("cache.loads").tags("result", "success").timers().stream()
                .mapToLong(t -> t.count()).sum()).isEqualTo(5L * OPS_PER_SCOPE);
    }

    @Test
    void concurrentRequestsThroughAPauseAndResumeEachPayAtMostOneTimeout() throws Exception {
        PerfMonCache<String> posts = PerfMonCache.builder(perfMon, connection).name("posts").timeout(TIMEOUT).build();
        PerfMonCache<String> users = PerfMonCache.builder(perfMon, connection).name("users").timeout(TIMEOUT).build();
        List<Long> elapsed = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
        for (int t = 0; t < 4; t++) {
            int offset = t * 1_000_000;
            Thread thread = new Thread(() -> {
                int n = offset;
                while (System.nanoTime() < until) {
                    try {
                        elapsed.add(request(posts, users, n++ % 200));
                    } catch (Throwable failure) {
                        failures.add(failure);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(300);
        server.pause();
        Thread.sleep(1_500);
        server.resume();
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(failures).isEmpty();
        assertThat(elapsed).hasSizeGreaterThan(100);
        assertThat(elapsed).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(bound()));
        assertThat(errors("posts", "timeout") + errors("users", "timeout")).isGreaterThan(0);
        assertThat(errors("posts", "breaker") + errors("users", "breaker")).isGreaterThan(0);
    }
}
