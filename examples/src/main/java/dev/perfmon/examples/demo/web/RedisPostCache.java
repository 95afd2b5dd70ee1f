package dev.perfmon.examples.demo.web;

import dev.perfmon.core.PerfMon;
import dev.perfmon.redis.PerfMonCache;
import dev.perfmon.redis.PerfMonRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link PostCache} on perfmon's Redis caches: {@code cache.gets{cache,result}} hit/miss
 * counts, single-flight loading, the {@code redis} segment of each request, Lettuce's own
 * command latency timers. One Lettuce connection serves both caches.
 */
public final class RedisPostCache implements PostCache {

    /**
     * How long {@code /health} waits for PONG: a hung Redis must make the check say DOWN
     * quickly, not hang for Lettuce's 60 s default and then say UP.
     */
    static final Duration PING_TIMEOUT = Duration.ofMillis(500);

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final PerfMonCache<String> posts;
    private final PerfMonCache<String> post;
    private final String prefix;

    /**
     * @param perfMon where the cache meters and findings go
     * @param redisUri the server
     * @param prefix prepended to every key, unique to this process, so a shared Redis is safe
     * @param ttl how long entries live at most
     */
    public RedisPostCache(PerfMon perfMon, String redisUri, String prefix, Duration ttl) {
        this.resources = PerfMonRedis.clientResources(perfMon);
        this.client = RedisClient.create(resources, redisUri);
        client.setOptions(PerfMonRedis.clientOptions());
        client.addListener(PerfMonRedis.commandListener(perfMon));
        this.connection = client.connect(PerfMonRedis.codec());
        this.prefix = prefix;
        // 250 ms: a loaded two-core machine can delay a healthy round trip past the 100 ms default.
        this.posts = PerfMonCache.builder(perfMon, connection).name(POSTS).ttl(ttl)
                .timeout(Duration.ofMillis(250)).build();
        this.post = PerfMonCache.builder(perfMon, connection).name(POST).ttl(ttl)
                .timeout(Duration.ofMillis(250)).build();
    }

    private PerfMonCache<String> cache(String name) {
        return switch (name) {
            case POSTS -> posts;
            case POST -> post;
            default -> throw new IllegalArgumentException("no cache " + name);
        };
    }

    @Override
    public String get(String cache, String key, Supplier<String> loader) {
        return cache(cache).getOrLoad(prefix + cache + ':' + key, loader);
    }

    @Override
    public void evict(String cache, String... keys) {
        PerfMonCache<String> target = cache(cache);
        for (String key : keys) {
            target.invalidate(prefix + cache + ':' + key);
        }
    }

    @Override
    public boolean ping() {
        try {
            return "PONG".equals(connection.async().ping().get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
