package dev.perfmon.spring.boot.matrix;

import dev.perfmon.testsupport.TestRedis;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.UUID;

/**
 * The blog's Redis: the tests' shared server ({@link TestRedis}), its cache keys under a prefix of
 * this run's own, so every run starts with an empty cache and leaves other keys alone.
 */
final class BlogRedis {

    static final String KEY_PREFIX = "perfmon:matrix:" + UUID.randomUUID() + ":";

    private BlogRedis() {
    }

    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", TestRedis::uri);
        registry.add("spring.cache.redis.key-prefix", () -> KEY_PREFIX);
    }

    /** @return the Redis key of one entry of a cache, as Spring Data Redis writes it */
    static String key(String cache, Object key) {
        return KEY_PREFIX + cache + "::" + key;
    }
}
