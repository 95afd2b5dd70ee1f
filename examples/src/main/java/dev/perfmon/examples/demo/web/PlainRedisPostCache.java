package dev.perfmon.examples.demo.web;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link PostCache} on plain Lettuce, as a service without perfmon would write it: read, load on
 * a miss, write back with a TTL. The baseline that {@link RedisPostCache} is measured against.
 */
public final class PlainRedisPostCache implements PostCache {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final SetArgs ttl;

    /**
     * @param redisUri the server
     * @param prefix prepended to every key, unique to this process
     * @param ttl how long entries live at most
     */
    public PlainRedisPostCache(String redisUri, String prefix, Duration ttl) {
        this.client = RedisClient.create(redisUri);
        this.connection = client.connect(StringCodec.UTF8);
        connection.setTimeout(Duration.ofMillis(250));
        this.prefix = prefix;
        this.ttl = SetArgs.Builder.px(ttl.toMillis());
    }

    @Override
    public String get(String cache, String key, Supplier<String> loader) {
        String redisKey = prefix + cache + ':' + key;
        String value;
        try {
            value = connection.sync().get(redisKey);
        } catch (RuntimeException e) {
            return loader.get();                       // Redis down or slow: serve from the database
        }
        if (value != null) {
            return value;
        }
        value = loader.get();
        try {
            connection.sync().set(redisKey, value, ttl);
        } catch (RuntimeException e) {
            // Not cached this time.
        }
        return value;
    }

    @Override
    public void evict(String cache, String... keys) {
        for (String key : keys) {
            try {
                connection.sync().del(prefix + cache + ':' + key);
            } catch (RuntimeException e) {
                // The entry expires with its TTL.
            }
        }
    }

    @Override
    public boolean ping() {
        try {
            return "PONG".equals(connection.async().ping().get(RedisPostCache.PING_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS));
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
    }
}
