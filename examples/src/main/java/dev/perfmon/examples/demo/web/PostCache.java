package dev.perfmon.examples.demo.web;

import java.util.function.Supplier;

/**
 * The demo's read-through cache of rendered JSON, in Redis. Two caches: {@code posts} (pages
 * of the latest posts, emptied by every new post) and {@code post} (one post each, never
 * emptied, so it runs hot).
 */
public interface PostCache extends AutoCloseable {

    /** The cache of listing pages. */
    String POSTS = "posts";

    /** The cache of single posts. */
    String POST = "post";

    /**
     * @param cache {@link #POSTS} or {@link #POST}
     * @param key the key within that cache
     * @param loader computes the value on a miss
     * @return the cached or freshly loaded value
     */
    String get(String cache, String key, Supplier<String> loader);

    /**
     * Removes entries.
     *
     * @param cache the cache
     * @param keys the keys within it
     */
    void evict(String cache, String... keys);

    /** @return whether Redis answers a PING within a bounded time (a hung Redis is down) */
    boolean ping();

    @Override
    void close();
}
