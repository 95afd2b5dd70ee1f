package dev.perfmon.spring.cache;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * An application service cached with Spring's annotations; it counts how often its methods
 * really run. {@link #loadWith} decides what a {@code sync = true} load does (block, fail ...).
 * Tests go through methods, never fields: the bean they hold is Spring's caching proxy.
 */
public class PostService {

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger syncReads = new AtomicInteger();
    private final AtomicInteger asyncReads = new AtomicInteger();
    private volatile LongFunction<String> slowLoad = id -> "post " + id;

    /** @return how often {@link #find} ran */
    public int reads() {
        return reads.get();
    }

    /** @return how often {@link #findSync} ran */
    public int syncReads() {
        return syncReads.get();
    }

    /** @return how often {@link #findAsync} and {@link #findAsyncSync} ran */
    public int asyncReads() {
        return asyncReads.get();
    }

    /** What {@link #findSync} returns (or throws) from now on. */
    public void loadWith(LongFunction<String> load) {
        this.slowLoad = load;
    }

    @Cacheable("posts")
    public String find(long id) {
        reads.incrementAndGet();
        return "post " + id;
    }

    @Cacheable(cacheNames = "posts", sync = true)
    public String findSync(long id) {
        syncReads.incrementAndGet();
        return slowLoad.apply(id);
    }

    @Cacheable(cacheNames = "async-posts", key = "#p0")
    public CompletableFuture<String> findAsync(long id) {
        asyncReads.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> "post " + id);
    }

    @Cacheable(cacheNames = "async-posts", key = "#p0", sync = true)
    public CompletableFuture<String> findAsyncSync(long id) {
        asyncReads.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> "post " + id);
    }

    @CachePut(cacheNames = "posts", key = "#p0")
    public String update(long id, String title) {
        return title;
    }

    @CacheEvict(cacheNames = "posts", key = "#p0")
    public void delete(long id) {
    }

    @CacheEvict(cacheNames = "posts", allEntries = true)
    public void deleteAll() {
    }
}
