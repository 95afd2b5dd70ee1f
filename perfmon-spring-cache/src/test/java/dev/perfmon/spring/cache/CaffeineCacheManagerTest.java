package dev.perfmon.spring.cache;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract over Spring's {@code CaffeineCacheManager}, plus what only Caffeine knows: how
 * many entries it holds and how many it evicted for size, which perfmon takes from Micrometer's
 * Caffeine binder while it counts gets, puts and loads itself.
 */
class CaffeineCacheManagerTest extends CachingContract {

    private String spec = "maximumSize=2,recordStats";
    /**
     * Only for CompletableFuture methods: in async mode Caffeine removes a failed load's entry
     * when the failure completes, so a caller right after it may still be served the failure.
     */
    private boolean asyncMode;

    @Override
    CacheManager delegate(AnnotationConfigApplicationContext context) {
        CaffeineCacheManager caffeine = new CaffeineCacheManager();
        caffeine.setCacheSpecification(spec);
        caffeine.setAsyncCacheMode(asyncMode);
        return caffeine;
    }

    @Override
    @Test
    void cacheableCompletableFuturesAreCountedWhenTheyComplete() throws Exception {
        asyncMode = true;
        super.cacheableCompletableFuturesAreCountedWhenTheyComplete();
    }

    @Override
    @Test
    void aSyncCompletableFutureMissIsOneTimedLoadAndTheNextCallAHit() throws Exception {
        asyncMode = true;
        super.aSyncCompletableFutureMissIsOneTimedLoadAndTheNextCallAHit();
    }

    @Test
    void inAsyncModeTheSizeIsTheSynchronousViewsOfTheAsyncCache() {
        asyncMode = true;
        start();
        posts.find(1);
        posts.find(2);

        assertThat(registry.get("cache.size").tag("cache", "posts").gauge().value()).isEqualTo(2);
    }

    @Test
    void sizeAndSizeEvictionsComeFromCaffeineWhileGetsArePerfmonsOwnCounters() {
        start();
        for (int id = 1; id <= 5; id++) {
            posts.find(id);
        }
        nativeCache().cleanUp();

        assertThat(registry.get("cache.size").tag("cache", "posts").gauge().value()).isEqualTo(2);
        assertThat(registry.get("cache.evictions").tag("cache", "posts").functionCounter().count()).isEqualTo(3);
        assertThat(registry.find("cache.eviction.weight").tag("cache", "posts").meters()).hasSize(1);
        assertThat(meters.misses()).isEqualTo(5);
        assertThat(meters.puts()).isEqualTo(5);
        // One writer per meter: Caffeine's own hit/miss/put/load meters are not bound.
        for (Meter meter : registry.find("cache.gets").meters()) {
            assertThat(meter).isInstanceOf(Counter.class).isNotInstanceOf(FunctionCounter.class);
        }
        assertThat(registry.find("cache.load.duration").meters()).isEmpty();
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
                .filteredOn(name -> name.startsWith("cache."))
                .containsOnly("cache.gets", "cache.puts", "cache.loads", "cache.size", "cache.evictions",
                        "cache.eviction.weight");
    }

    @Test
    void aCacheNotRecordingStatisticsStillReportsItsSize() {
        spec = "maximumSize=10";
        start();
        posts.find(1);
        posts.find(2);

        Gauge size = registry.get("cache.size").tag("cache", "posts").gauge();
        assertThat(size.value()).isEqualTo(2);
        assertThat(meters.misses()).isEqualTo(2);
    }

    @Test
    void theLibraryMetersAreBoundOncePerCacheName() {
        start();
        posts.find(1);
        context.getBean(CacheManager.class).getCache("posts");
        context.getBean(CacheManager.class).getCache("posts");

        assertThat(registry.find("cache.size").meters()).hasSize(1);
        assertThat(perfMon.failureCount(PerfMonCacheManager.COMPONENT)).isZero();
    }

    @SuppressWarnings("unchecked")
    private Cache<Object, Object> nativeCache() {
        return (Cache<Object, Object>) context.getBean(CacheManager.class).getCache("posts").getNativeCache();
    }
}
