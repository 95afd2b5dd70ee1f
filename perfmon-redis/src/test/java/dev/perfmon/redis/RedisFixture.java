package dev.perfmon.redis;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.testsupport.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * What the tests share: one client to the shared test Redis, a fresh registry and PerfMon per
 * test, a key prefix of its own per test (the server is shared: never flushed), meter readers,
 * and a bounded polling wait.
 */
final class RedisFixture implements AutoCloseable {

    final MeterRegistry registry;
    final PerfMon perfMon;
    final RedisClient client;
    final StatefulRedisConnection<String, byte[]> connection;
    final String prefix = "perfmon-redis-test:" + UUID.randomUUID() + ":";

    RedisFixture() {
        this(TestRedis.uri());
    }

    RedisFixture(String uri) {
        this(uri, null);
    }

    RedisFixture(String uri, Clock clock) {
        this(uri, clock, new SimpleMeterRegistry());
    }

    /** Over a registry of the test's own (one whose meters fail, say); {@code clock} may be null. */
    RedisFixture(String uri, Clock clock, MeterRegistry registry) {
        this.registry = registry;
        PerfMon.Builder builder = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build());
        if (clock != null) {
            builder.clock(clock);
        }
        perfMon = builder.build();
        client = RedisClient.create(uri);
        connection = client.connect(PerfMonRedis.codec());
    }

    String key(String name) {
        return prefix + name;
    }

    /**
     * A cache with a generous timeout: the functional tests run on a shared 2-core machine where
     * a GET can take more than the 100 ms default, which would (correctly) fail open and reload.
     * The failure tests set their own short timeout.
     */
    PerfMonCache.Builder<String> cache(String name) {
        return PerfMonCache.builder(perfMon, connection).name(name).timeout(Duration.ofSeconds(2));
    }

    double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? Double.NaN : counter.count();
    }

    long timerCount(String name, String... tags) {
        Timer timer = registry.find(name).tags(tags).timer();
        return timer == null ? -1 : timer.count();
    }

    double hits(String cache) {
        return count("cache.gets", "cache", cache, "result", "hit");
    }

    double misses(String cache) {
        return count("cache.gets", "cache", cache, "result", "miss");
    }

    double errors(String cache, String operation, String cause) {
        return count("perfmon.cache.errors", "cache", cache, "operation", operation, "cause", cause);
    }

    /** All errors of the cache, whatever the operation and cause. */
    double errors(String cache) {
        return registry.find("perfmon.cache.errors").tags("cache", cache).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    long loads(String cache, String result) {
        return timerCount("cache.loads", "cache", cache, "result", result);
    }

    byte[] raw(String key) {
        return connection.sync().get(key);
    }

    /** Waits at most 10 s for the latch; fails the test instead of hanging it. */
    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(10), condition);
    }

    static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    @Override
    public void close() {
        try {
            String[] keys = connection.sync().keys(prefix + "*").toArray(new String[0]);
            if (keys.length > 0) {
                connection.sync().del(keys);
            }
        } catch (RuntimeException ignored) {
            // Best effort: the keys of a test are unique and carry TTLs anyway.
        }
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        perfMon.close();
    }
}
