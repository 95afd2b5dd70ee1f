package dev.perfmon.redis;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuit breaker of one Redis client, shared by two caches on its connection, against a
 * real redis-server that is paused (SIGSTOP), resumed, killed (SIGKILL) and restarted: it opens
 * after the configured number of consecutive failures, operations of both caches then skip Redis
 * at once and are served by the loader, one probe per interval, and it closes after recovery.
 *
 * <p>The breaker's windows and probe interval run on a mock clock the test advances, so a slow
 * machine cannot let a probe out early; whether an operation reached Redis is read from the
 * counters, not from how long it took.
 */
class RedisBreakerTest {

    private static final Duration TIMEOUT = Duration.ofMillis(150);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(400);
    private static final int THRESHOLD = 3;

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final MockClock clock = new MockClock();
    private final PerfMon perfMon = PerfMon.builder(registry).clock(clock)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final List<RedisBreakerTransition> transitions = new CopyOnWriteArrayList<>();
    private final RedisProcess server = new RedisProcess();
    private final ClientResources resources = ClientResources.builder()
            .reconnectDelay(Delay.constant(Duration.ofMillis(50))).build();
    private final RedisClient client = RedisClient.create(resources, server.uri());
    private StatefulRedisConnection<String, byte[]> connection;

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
        server.close();
        perfMon.close();
    }

    private RedisCircuitBreaker breaker() {
        perfMon.addListener(RedisBreakerTransition.class, transitions::add);
        client.setOptions(PerfMonRedis.clientOptions());
        connection = client.connect(PerfMonRedis.codec());
        connection.sync().ping(); // the first command of a cold client can outlast the cache timeout
        return RedisCircuitBreaker.builder(perfMon, "main").failureThreshold(THRESHOLD)
                .failureWindow(Duration.ofSeconds(2)).probeInterval(PROBE_INTERVAL).build();
    }

    private PerfMonCache<String> cache(String name, RedisCircuitBreaker breaker) {
        return PerfMonCache.builder(perfMon, connection).name(name).timeout(TIMEOUT).circuitBreaker(breaker).build();
    }

    private double gauge() {
        return registry.get(RedisCircuitBreaker.STATE_METER).tag("client", "main").gauge().value();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private double errors(String cache, String cause) {
        return count("perfmon.cache.errors", "cache", cache, "operation", "get", "cause", cause);
    }

    private static long millis(Runnable operation) {
        long start = System.nanoTime();
        operation.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void aHungRedisOpensTheSharedBreakerAfterTheThresholdAndAProbeClosesItAfterRecovery() {
        RedisCircuitBreaker breaker = breaker();
        PerfMonCache<String> posts = cache("posts", breaker);
        PerfMonCache<String> users = cache("users", breaker);
        posts.put("p", "cached post");
        users.put("u", "cached user");
        assertThat(posts.getOrLoad("p", () -> "db")).isEqualTo("cached post");
        assertThat(gauge()).isEqualTo(0.0);

        server.pause();
        // The first THRESHOLD operations pay the timeout each, spread over both caches.
        for (int i = 0; i < THRESHOLD; i++) {
            PerfMonCache<String> cache = i % 2 == 0 ? posts : users;
            String key = i % 2 == 0 ? "p" : "u";
            long took = millis(() -> assertThat(cache.getOrLoad(key, () -> "db")).isEqualTo("db"));
            assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 5);
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(gauge()).isEqualTo(1.0);
        assertThat(errors("posts", "timeout") + errors("users", "timeout")).isEqualTo(THRESHOLD);

        // Open: both caches skip Redis (no timeout more) and serve the loader (fail-open).
        for (int i = 0; i < 10; i++) {
            assertThat(users.getOrLoad("u", () -> "db")).isEqualTo("db");
            assertThat(posts.get("p")).isNull();
        }
        assertThat(errors("users", "breaker")).isEqualTo(10);
        assertThat(errors("posts", "breaker")).isEqualTo(10);
        assertThat(errors("posts", "timeout") + errors("users", "timeout")).isEqualTo(THRESHOLD);

        // After the interval one probe goes out, times out, and the breaker opens again.
        clock.add(PROBE_INTERVAL);
        assertThat(posts.getOrLoad("p", () -> "db")).isEqualTo("db");
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(errors("posts", "timeout") + errors("users", "timeout")).isEqualTo(THRESHOLD + 1);

        server.resume();
        // A probe per interval until one is answered (on a loaded machine the first reply after
        // the resume can outlast the timeout): closed, and the cached values are served again.
        RedisFixture.await("a probe answered", Duration.ofSeconds(10), () -> {
            clock.add(PROBE_INTERVAL);
            return "cached post".equals(posts.getOrLoad("p", () -> "db"));
        });
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(gauge()).isEqualTo(0.0);
        RedisFixture.await("users answered", Duration.ofSeconds(10),
                () -> "cached user".equals(users.getOrLoad("u", () -> "db")));

        assertThat(String.join(",", transitions.stream().map(t -> t.from() + ">" + t.to()).toList()))
                .as("probes that timed out after the resume only repeat OPEN>HALF_OPEN>OPEN")
                .matches("CLOSED>OPEN(,OPEN>HALF_OPEN,HALF_OPEN>OPEN)+,OPEN>HALF_OPEN,HALF_OPEN>CLOSED");
        assertThat(transitions.get(0).failures()).isEqualTo(THRESHOLD);
        assertThat(transitions.get(0).cause()).isEqualTo("timeout");
        assertThat(transitions.get(0).client()).isEqualTo("main");
        // Hit ratio: exactly the lookups Redis answered with a value; the failures are errors only.
        assertThat(count("cache.gets", "cache", "posts", "result", "hit")).isEqualTo(2);
        assertThat(count("cache.gets", "cache", "users", "result", "hit")).isEqualTo(1);
        assertThat(count("cache.gets", "cache", "posts", "result", "miss")).isZero();
        assertThat(count("cache.gets", "cache", "users", "result", "miss")).isZero();
    }

    @Test
    void aKilledRedisOpensTheBreakerOnConnectionFailuresAndItClosesOnceTheRestartedServerAnswers() {
        RedisCircuitBreaker breaker = breaker();
        PerfMonCache<String> posts = cache("posts", breaker);
        posts.put("p", "cached post");

        server.kill();
        int served = 0;
        while (breaker.state() == BreakerState.CLOSED && served < 100) {
            assertThat(posts.getOrLoad("p", () -> "db")).isEqualTo("db");
            served++;
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions).hasSize(1);
        assertThat(transitions.get(0).failures()).isEqualTo(THRESHOLD);
        assertThat(transitions.get(0).cause()).isEqualTo("connection");
        assertThat(errors("posts", "connection") + errors("posts", "timeout")).isEqualTo(THRESHOLD);
        double skipped = errors("posts", "breaker");
        assertThat(posts.getOrLoad("p", () -> "db")).isEqualTo("db");
        assertThat(errors("posts", "breaker")).as("skipped Redis").isEqualTo(skipped + 1);
        assertThat(errors("posts", "connection") + errors("posts", "timeout")).isEqualTo(THRESHOLD);

        server.start();
        // The data died with the server: once a probe is answered, a miss loads and writes back.
        RedisFixture.await("the breaker to close", Duration.ofSeconds(10), () -> {
            clock.add(PROBE_INTERVAL);
            posts.getOrLoad("p", () -> "reloaded");
            return breaker.state() == BreakerState.CLOSED;
        });
        assertThat(gauge()).isEqualTo(0.0);
        assertThat(transitions.get(transitions.size() - 1).to()).isEqualTo(BreakerState.CLOSED);
        assertThat(count("cache.gets", "cache", "posts", "result", "hit")).isZero();
        // The reloaded value was written back: the next reads are hits from the restarted server.
        RedisFixture.await("a hit", () -> "reloaded".equals(posts.get("p")));
        assertThat(count("cache.gets", "cache", "posts", "result", "hit")).isEqualTo(1);
    }

    @Test
    void cachesOnOneConnectionShareTheDefaultBreaker() {
        client.setOptions(PerfMonRedis.clientOptions());
        connection = client.connect(PerfMonRedis.codec());
        PerfMonCache.builder(perfMon, connection).name("one").build();
        PerfMonCache.builder(perfMon, connection).name("two").build();
        StatefulRedisConnection<String, byte[]> other = client.connect(PerfMonRedis.codec());
        PerfMonCache.builder(perfMon, other).name("three").build();

        assertThat(registry.find(RedisCircuitBreaker.STATE_METER).gauges()).hasSize(2);
        assertThat(registry.get(RedisCircuitBreaker.STATE_METER).tag("client", "default").gauge().value()).isZero();
        assertThat(registry.get(RedisCircuitBreaker.STATE_METER).tag("client", "default-2").gauge().value()).isZero();
        other.close();
    }
}
