package dev.perfmon.benchmarks.redis;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.redis.PerfMonCache;
import dev.perfmon.redis.PerfMonRedis;
import dev.perfmon.redis.ValueCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One connection to the local Redis (127.0.0.1:6379, or {@code -Dredis.uri=...}) with a key
 * already set, and perfmon's byte[] and UTF-8 caches over that same connection, so raw Lettuce
 * and the wrapper are measured on identical ground.
 */
final class LocalRedisCaches implements AutoCloseable {

    final RedisClient client;
    final StatefulRedisConnection<String, byte[]> connection;
    final PerfMon perfMon;
    final PerfMonCache<byte[]> bytesCache;
    final PerfMonCache<String> stringCache;

    LocalRedisCaches(String key, String cacheNamePrefix) {
        client = RedisClient.create(System.getProperty("redis.uri", "redis://127.0.0.1:6379"));
        connection = client.connect(PerfMonRedis.codec());
        connection.sync().set(key, "a cached post title of some length".getBytes(StandardCharsets.UTF_8));
        perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        bytesCache = PerfMonCache.builder(perfMon, connection).name(cacheNamePrefix + "-bytes")
                .codec(ValueCodec.bytes()).timeout(Duration.ofSeconds(1)).build();
        stringCache = PerfMonCache.builder(perfMon, connection).name(cacheNamePrefix + "-utf8")
                .timeout(Duration.ofSeconds(1)).build();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        perfMon.close();
    }
}
