package dev.perfmon.spring.cache;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link PerfMonCacheManager} promises over any decorated manager, checked through a real
 * Spring context with {@code @EnableCaching}: each annotated call is counted once, and
 * {@code @Cacheable(sync = true)} shares one load per key.
 */
abstract class CachingContract {

    final MeterRegistry registry = new SimpleMeterRegistry();
    final PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build()).build();
    final CacheMeters meters = new CacheMeters(registry, "posts");
    AnnotationConfigApplicationContext context;
    PostService posts;

    /** @return the manager to decorate, built from the context's beans */
    abstract CacheManager delegate(AnnotationConfigApplicationContext context);

    /** Registers what the decorated manager needs (a connection factory ...); nothing by default. */
    void registerInfrastructure(AnnotationConfigApplicationContext context) {
    }

    /** A context with caching on, the decorated manager as its {@code CacheManager} and the service. */
    AnnotationConfigApplicationContext start(Class<?> cachingConfiguration) {
        AnnotationConfigApplicationContext created = new AnnotationConfigApplicationContext();
        registerInfrastructure(created);
        created.register(cachingConfiguration);
        created.registerBean(PerfMon.class, () -> perfMon);
        created.registerBean("cacheManager", CacheManager.class,
                () -> PerfMonCacheManager.wrap(delegate(created), perfMon));
        created.registerBean(PostService.class);
        created.refresh();
        context = created;
        posts = created.getBean(PostService.class);
        return created;
    }

    void start() {
        start(Caching.class);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        perfMon.close();
    }

    @Configuration
    @EnableCaching
    static class Caching {
    }

    @Test
    void eachCacheableCachePutAndCacheEvictCallIsCountedOnce() {
        start();

        assertThat(posts.find(1)).isEqualTo("post 1");       // miss, the method runs, put
        assertThat(posts.find(1)).isEqualTo("post 1");       // hit
        assertThat(posts.find(2)).isEqualTo("post 2");       // miss, put
        posts.update(1, "edited");                            // @CachePut: put
        assertThat(posts.find(1)).isEqualTo("edited");       // hit
        posts.delete(1);                                      // @CacheEvict: invalidation
        assertThat(posts.find(1)).isEqualTo("post 1");       // miss, put
        posts.deleteAll();                                    // @CacheEvict(allEntries): invalidation
        assertThat(posts.find(2)).isEqualTo("post 2");       // miss, put

        assertThat(posts.reads()).isEqualTo(4);
        assertThat(meters.hits()).isEqualTo(2);
        assertThat(meters.misses()).isEqualTo(4);
        assertThat(meters.puts()).isEqualTo(5);
        assertThat(meters.invalidations()).isEqualTo(2);
        assertThat(meters.loads("success")).as("sync = false: Spring runs the method, the cache sees no load").isZero();
        assertThat(meters.coalesced()).isZero();
        assertThat(meters.allErrors()).isZero();
    }

    @Test
    void aSyncMissIsOneTimedLoadAndOnePutAndTheNextCallIsAHit() {
        start();

        assertThat(posts.findSync(7)).isEqualTo("post 7");
        assertThat(posts.findSync(7)).isEqualTo("post 7");

        assertThat(posts.syncReads()).isEqualTo(1);
        assertThat(meters.misses()).isEqualTo(1);
        assertThat(meters.hits()).isEqualTo(1);
        assertThat(meters.loads("success")).isEqualTo(1);
        assertThat(meters.loads("failure")).isZero();
        assertThat(meters.puts()).isEqualTo(1);
        assertThat(meters.allErrors()).isZero();
    }

    @Test
    void hitsAndMissesLandInTheRequestScopeOfTheCaller() {
        start();
        try (RequestScope scope = perfMon.openScope("GET /posts/{id}")) {
            posts.find(3);
            posts.find(3);
            posts.findSync(3);
            assertThat(scope.counter(ScopeCounter.CACHE_MISSES)).isEqualTo(1);
            assertThat(scope.counter(ScopeCounter.CACHE_HITS)).isEqualTo(2);
        }
    }

    @Test
    void concurrentSyncMissesOfOneKeyRunTheMethodOnceAndShareItsValue() throws Exception {
        start();
        int callers = 8;
        // The load waits until every other caller has joined it: without single-flight it never would.
        posts.loadWith(id -> {
            try {
                if (!CacheMeters.await(() -> meters.coalesced() >= callers - 1, Duration.ofSeconds(10))) {
                    throw new IllegalStateException("only " + meters.coalesced() + " callers joined the load");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            return "post " + id;
        });
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return posts.findSync(9);
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo("post 9");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(posts.syncReads()).isEqualTo(1);
        assertThat(meters.loads("success")).isEqualTo(1);
        assertThat(meters.coalesced()).isEqualTo(callers - 1);
        assertThat(meters.misses()).as("the leader and every joiner missed").isEqualTo(callers);
        assertThat(meters.hits()).isZero();
        assertThat(meters.puts()).isEqualTo(1);
        assertThat(meters.stampedes()).isZero();
        assertThat(posts.findSync(9)).isEqualTo("post 9");
        assertThat(meters.hits()).isEqualTo(1);
    }

    @Test
    void aFailingSyncLoadReachesTheCallerUnchangedAndIsAFailedLoadNotACacheError() {
        start();
        posts.loadWith(id -> {
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(() -> posts.findSync(13)).isInstanceOf(IllegalStateException.class)
                .hasMessage("database down");
        assertThatThrownBy(() -> posts.findSync(13)).isInstanceOf(IllegalStateException.class);

        assertThat(posts.syncReads()).isEqualTo(2);
        assertThat(meters.loads("failure")).isEqualTo(2);
        assertThat(meters.loads("success")).isZero();
        assertThat(meters.misses()).isEqualTo(2);
        assertThat(meters.puts()).isZero();
        assertThat(meters.allErrors()).isZero();
    }

    @Test
    void cacheableCompletableFuturesAreCountedWhenTheyComplete() throws Exception {
        start();
        CacheMeters async = new CacheMeters(registry, "async-posts");

        assertThat(posts.findAsync(21).get(10, TimeUnit.SECONDS)).isEqualTo("post 21");   // miss, put
        assertThat(posts.findAsync(21).get(10, TimeUnit.SECONDS)).isEqualTo("post 21");   // hit

        assertThat(posts.asyncReads()).isEqualTo(1);
        assertThat(async.misses()).isEqualTo(1);
        assertThat(async.hits()).isEqualTo(1);
        assertThat(async.puts()).isEqualTo(1);
        assertThat(async.allErrors()).isZero();
    }

    @Test
    void aSyncCompletableFutureMissIsOneTimedLoadAndTheNextCallAHit() throws Exception {
        start();
        CacheMeters async = new CacheMeters(registry, "async-posts");

        assertThat(posts.findAsyncSync(22).get(10, TimeUnit.SECONDS)).isEqualTo("post 22");
        assertThat(posts.findAsyncSync(22).get(10, TimeUnit.SECONDS)).isEqualTo("post 22");

        assertThat(posts.asyncReads()).isEqualTo(1);
        // The load is timed when the method's future completes, which may be just after the caller's.
        assertThat(CacheMeters.await(() -> async.loads("success") == 1, Duration.ofSeconds(5))).isTrue();
        assertThat(async.misses()).isEqualTo(1);
        assertThat(async.hits()).isEqualTo(1);
        assertThat(async.puts()).isEqualTo(1);
        assertThat(async.allErrors()).isZero();
    }
}
