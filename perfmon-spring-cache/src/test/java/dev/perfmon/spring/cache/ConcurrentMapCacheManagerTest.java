package dev.perfmon.spring.cache;

import dev.perfmon.cache.CacheStampede;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.testsupport.FailingRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract over Spring's in-memory {@code ConcurrentMapCacheManager}, plus what only the API shows. */
class ConcurrentMapCacheManagerTest extends CachingContract {

    @Override
    CacheManager delegate(AnnotationConfigApplicationContext context) {
        return new ConcurrentMapCacheManager();
    }

    @Test
    void theSameCacheNameGetsTheSameDecoratorAndTheDecoratedCacheStaysReachable() {
        ConcurrentMapCacheManager plain = new ConcurrentMapCacheManager();
        PerfMonCacheManager manager = PerfMonCacheManager.wrap(plain, perfMon);

        Cache cache = manager.getCache("posts");

        assertThat(cache).isInstanceOf(InstrumentedCache.class).isSameAs(manager.getCache("posts"));
        assertThat(((InstrumentedCache) cache).delegate()).isSameAs(plain.getCache("posts"));
        assertThat(cache.getNativeCache()).isSameAs(plain.getCache("posts").getNativeCache());
        assertThat(manager.getCacheNames()).containsExactly("posts");
        assertThat(registry.find("cache.gets").tag("cache", "posts").counters()).hasSize(2);
    }

    @Test
    void withoutSingleFlightOverlappingLoadsOfAKeyAreCountedAndReportedAsAStampede() throws Exception {
        List<CacheStampede> events = new CopyOnWriteArrayList<>();
        perfMon.addListener(CacheStampede.class, events::add);
        // NoOpCacheManager's caches run every loader: nothing serialises concurrent loads.
        Cache feed = PerfMonCacheManager.builder(new NoOpCacheManager(), perfMon).singleFlight(false).build()
                .getCache("feed");
        int callers = 4;
        CountDownLatch allLoading = new CountDownLatch(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> feed.get("front-page", () -> {
                    allLoading.countDown();
                    allLoading.await(10, TimeUnit.SECONDS);
                    return "items";
                })));
            }
            for (Future<String> result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo("items");
            }
        } finally {
            pool.shutdownNow();
        }

        CacheMeters feedMeters = new CacheMeters(registry, "feed");
        assertThat(allLoading.getCount()).isZero();
        assertThat(feedMeters.loads("success")).isEqualTo(callers);
        assertThat(feedMeters.stampedes()).isEqualTo(callers - 1);
        assertThat(feedMeters.coalesced()).isZero();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).cache()).isEqualTo("feed");
        // The first duplicate is published at once; the rest wait for the next interval.
        assertThat(events.get(0).duplicateLoads()).isBetween(1L, (long) callers - 1);
        assertThat(events.get(0).maxConcurrentLoads()).isBetween(2, callers);
    }

    @Test
    void aRegistryWhoseMetersThrowNeverReachesTheApplication() {
        FailingRegistry failing = FailingRegistry.throwingOnRecord().sparing("perfmon.internal");
        PerfMon broken = PerfMon.builder(failing).config(PerfMonConfig.builder().logFindings(false).build()).build();
        try (AnnotationConfigApplicationContext app = new AnnotationConfigApplicationContext()) {
            app.register(Caching.class);
            app.registerBean("cacheManager", CacheManager.class,
                    () -> PerfMonCacheManager.wrap(new ConcurrentMapCacheManager(), broken));
            app.registerBean(PostService.class);
            app.refresh();
            PostService service = app.getBean(PostService.class);

            assertThat(service.find(1)).isEqualTo("post 1");       // miss + put
            assertThat(service.find(1)).isEqualTo("post 1");       // hit
            assertThat(service.findSync(2)).isEqualTo("post 2");   // miss + load + put
            service.update(1, "edited");                            // put
            service.delete(1);                                      // invalidation

            assertThat(service.reads()).isEqualTo(1);
            assertThat(service.syncReads()).isEqualTo(1);
            assertThat(broken.failureCount(PerfMonCacheManager.COMPONENT)).isEqualTo(8);
        } finally {
            broken.close();
        }
    }
}
