package dev.perfmon.redis;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a real redis-server hangs (SIGSTOP), a request scope with several cache operations pays
 * at most one cache timeout: once its Redis time reaches the budget (by default the timeout),
 * the rest of its operations skip Redis ({@code cause=budget}) and are served by the loader.
 *
 * <p>What each request paid is read from counters only that request moved (each request thread
 * has caches of its own), not from its wall-clock time: on a loaded machine a request that paid
 * one timeout can still take several timeouts' worth of time to finish.
 */
class RequestBudgetTest {

    private static final Duration TIMEOUT = Duration.ofMillis(150);
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(30);
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

    /** What one request cost: its cache timeouts, its operations that skipped Redis, and its time. */
    private record Paid(long timeouts, long budgetSkips, long breakerSkips, long millis) {
    }

    /** The two caches one request thread reads, named for that thread so their counters are its own. */
    private final class Caches {
        final String posts;
        final String users;
        final PerfMonCache<String> postsCache;
        final PerfMonCache<String> usersCache;

        Caches(String suffix, RedisCircuitBreaker breaker) {
            posts = "posts" + suffix;
            users = "users" + suffix;
            postsCache = PerfMonCache.builder(perfMon, connection).name(posts).timeout(TIMEOUT).circuitBreaker(breaker)
                    .build();
            usersCache = PerfMonCache.builder(perfMon, connection).name(users).timeout(TIMEOUT).circuitBreaker(breaker)
                    .build();
        }

        long errors(String cause) {
            return (long) (count(posts, cause) + count(users, cause));
        }

        private double count(String cache, String cause) {
            Counter counter = registry.find("perfmon.cache.errors").tags("cache", cache, "operation", "get", "cause", cause)
                    .counter();
            return counter == null ? 0 : counter.count();
        }
    }

    private static String load(String key) {
        try {
            Thread.sleep(LOADER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "db:" + key;
    }

    /** One request: OPS_PER_SCOPE reads over the two caches. */
    private Paid request(Caches caches, int n) {
        long timeouts = caches.errors("timeout");
        long budget = caches.errors("budget");
        long breaker = caches.errors("breaker");
        long start = System.nanoTime();
        try (RequestScope scope = perfMon.openScope("GET /page")) {
            for (int i = 0; i < OPS_PER_SCOPE; i++) {
                String key = "k" + n + ":" + i;
                PerfMonCache<String> cache = i % 2 == 0 ? caches.postsCache : caches.usersCache;
                if (!cache.getOrLoad(key, () -> load(key)).equals("db:" + key)) {
                    throw new AssertionError("wrong value");
                }
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Paid(caches.errors("timeout") - timeouts, caches.errors("budget") - budget,
                caches.errors("breaker") - breaker, millis);
    }

    @Test
    void withoutABreakerEachRequestPaysOneTimeoutAndTheRestOfItsOperationsSkipRedis() {
        Caches caches = new Caches("", RedisCircuitBreaker.disabled());
        request(caches, 0); // healthy: warms up the connection (slow on a cold JVM, so not counted)

        server.pause();
        List<Paid> paid = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            paid.add(request(caches, n));
        }
        server.resume();

        // Per request: the first read timed out, the other four skipped Redis.
        assertThat(paid).allSatisfy(p -> {
            assertThat(p.timeouts()).isEqualTo(1);
            assertThat(p.budgetSkips()).isEqualTo(OPS_PER_SCOPE - 1);
            assertThat(p.millis()).as("the timeout was waited for").isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 5);
        });
        assertThat(registry.get("cache.loads").tags("result", "success").timers().stream()
                .mapToLong(t -> t.count()).sum()).isEqualTo(5L * OPS_PER_SCOPE);
    }

    @Test
    void concurrentRequestsThroughAPauseAndResumeEachPayAtMostOneTimeout() throws Exception {
        // Three rounds of the four threads' timeouts open it: until then only the budget keeps a
        // request from paying a second timeout. A wide window: a loaded machine spreads them out.
        RedisCircuitBreaker breaker = RedisCircuitBreaker.builder(perfMon, "budget-test").failureThreshold(12)
                .failureWindow(Duration.ofSeconds(10)).build();
        List<Paid> paid = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<AtomicInteger> done = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        for (int t = 0; t < 4; t++) {
            Caches caches = new Caches("-" + t, breaker);
            AtomicInteger requests = new AtomicInteger();
            done.add(requests);
            Thread thread = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    try {
                        paid.add(request(caches, n++ % 200));
                    } catch (Throwable failure) {
                        failures.add(failure);
                    }
                    requests.incrementAndGet();
                }
            }, "request-" + t);
            threads.add(thread);
            thread.start();
        }
        try {
            eachThreadCompletes(done, 3, "healthy requests");
            server.pause();
            RedisFixture.await("the breaker to open while Redis hangs", PHASE_LIMIT,
                    () -> breaker.state() == BreakerState.OPEN);
            eachThreadCompletes(done, 3, "requests while the breaker is open");
            server.resume();
            RedisFixture.await("the breaker to close once Redis answers a probe", PHASE_LIMIT,
                    () -> breaker.state() == BreakerState.CLOSED);
            eachThreadCompletes(done, 3, "requests after the recovery");
        } finally {
            server.resume();
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }

        assertThat(failures).isEmpty();
        assertThat(paid).as("no request paid more than one timeout").allSatisfy(p -> assertThat(p.timeouts()).isLessThanOrEqualTo(1));
        assertThat(paid.stream().mapToLong(Paid::timeouts).sum()).isPositive();
        assertThat(paid.stream().mapToLong(Paid::breakerSkips).sum()).isPositive();
    }

    /** Waits until every request thread has completed {@code more} requests beyond its count now. */
    private static void eachThreadCompletes(List<AtomicInteger> done, int more, String what) {
        int[] from = done.stream().mapToInt(AtomicInteger::get).toArray();
        RedisFixture.await(more + " " + what + " on every thread", PHASE_LIMIT, () -> {
            for (int t = 0; t < from.length; t++) {
                if (done.get(t).get() < from[t] + more) {
                    return false;
                }
            }
            return true;
        });
    }
}
