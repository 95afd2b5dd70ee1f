package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.spring.boot.autoconfigure.internal.CacheManagerInstrumenter;
import dev.perfmon.spring.cache.InstrumentedCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's cache annotations over Boot's own cache managers, with actuator's metrics and its
 * cache meter binders present: every cache meter is written once, by perfmon.
 */
class SpringCacheInstrumentationTest {

    private static final AutoConfigurations BOOT_AND_PERFMON = AutoConfigurations.of(
            org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration.class,
            org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration.class,
            org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration.class,
            org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration.class,
            org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration.class,
            PerfMonAutoConfiguration.class, PerfMonCacheAutoConfiguration.class);

    /** Boot's Caffeine binder publishes cache.gets only for a cache recording statistics. */
    private static final String CAFFEINE = "spring.cache.type=caffeine";
    private static final String RECORDING_STATS = "spring.cache.caffeine.spec=recordStats";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BOOT_AND_PERFMON)
            .withUserConfiguration(Caching.class)
            .withPropertyValues("spring.cache.cache-names=posts", "perfmon.jvm-metrics.enabled=false");

    @Test
    void caffeineCacheCountsEachCallOnceAndBootBindsNothing() {
        runner.withPropertyValues(CAFFEINE, RECORDING_STATS).run(context -> {
            assertThat(context).hasNotFailed();
            // Still Boot's CaffeineCacheManager for whoever injects the type.
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(CaffeineCacheManager.class);
            assertThat(context.getBean(CacheManager.class).getCache("posts")).isInstanceOf(InstrumentedCache.class);
            exercise(context.getBean(PostService.class));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertCountedOnce(registry);
            // What only Caffeine knows stays published, from Micrometer's Caffeine binder: posts 1, 2 and 3.
            assertThat(registry.get("cache.size").tag("cache", "posts").gauge().value()).isEqualTo(3);
            assertThat(registry.find("cache.evictions").tag("cache", "posts").functionCounters()).hasSize(1);
        });
    }

    @Test
    void concurrentMapCacheCountsEachCallOnce() {
        runner.withPropertyValues("spring.cache.type=simple").run(context -> {
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
            exercise(context.getBean(PostService.class));
            assertCountedOnce(context.getBean(MeterRegistry.class));
        });
    }

    @Test
    void withoutPerfmonBootBindsItsOwnCaffeineMeters() {
        // What the single writer replaces: Boot's binder, tagged cache.manager, reading Caffeine's stats.
        runner.withPropertyValues(CAFFEINE, RECORDING_STATS, "perfmon.cache.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(CacheManagerInstrumenter.class);
            assertThat(context.getBean(CacheManager.class).getCache("posts")).isNotInstanceOf(InstrumentedCache.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("cache.gets").tag("cache.manager", "cacheManager").meters()).isNotEmpty();
        });
    }

    @Test
    void syncLoadsOfOneKeyRunTheMethodOnce() {
        runner.withPropertyValues(CAFFEINE, RECORDING_STATS).run(context -> {
            PostService service = context.getBean(PostService.class);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> titles = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    titles.add(pool.submit(() -> service.titleSync(7)));
                }
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (count(registry, "perfmon.cache.coalesced") < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                service.release();
                for (Future<String> title : titles) {
                    assertThat(title.get(10, TimeUnit.SECONDS)).isEqualTo("post 7");
                }
                assertThat(service.calls()).isEqualTo(1);
                assertThat(count(registry, "perfmon.cache.coalesced")).isEqualTo(3);
                assertThat(count(registry, "cache.gets", "result", "miss")).isEqualTo(4);
                assertThat(registry.get("cache.loads").tags("cache", "posts", "result", "success").timer().count())
                        .isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    void aCacheManagerIsDecoratedOnce() {
        runner.withPropertyValues("spring.cache.type=simple").run(context -> {
            CacheManager manager = context.getBean(CacheManager.class);
            CacheManagerInstrumenter instrumenter = context.getBean(CacheManagerInstrumenter.class);
            assertThat(instrumenter.postProcessAfterInitialization(manager, "cacheManager")).isSameAs(manager);
            assertThat(((InstrumentedCache) manager.getCache("posts")).delegate())
                    .isNotInstanceOf(InstrumentedCache.class);
        });
    }

    @Test
    void aManagerThatCannotBeProxiedIsLeftAsItWasAndTheFailureCounted() {
        new ApplicationContextRunner()
                .withConfiguration(BOOT_AND_PERFMON)
                .withUserConfiguration(FinalManagerConfiguration.class)
                .withPropertyValues("perfmon.jvm-metrics.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(CacheManager.class)).isInstanceOf(FinalCacheManager.class);
                    assertThat(context.getBean(dev.perfmon.core.PerfMon.class)
                            .failureCount(CacheManagerInstrumenter.COMPONENT)).isEqualTo(1);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class FinalManagerConfiguration {

        @Bean
        FinalCacheManager cacheManager() {
            return new FinalCacheManager();
        }
    }

    /** A manager no class-based proxy can extend. */
    static final class FinalCacheManager extends ConcurrentMapCacheManager {
    }

    /** 3 lookups of two keys: 2 misses then a hit; a put; an evict; a lookup after it misses. */
    private static void exercise(PostService service) {
        service.title(1);
        service.title(1);
        service.title(2);
        service.update(3);
        service.evict(1);
        service.title(1);
    }

    private static void assertCountedOnce(MeterRegistry registry) {
        assertThat(count(registry, "cache.gets", "result", "hit")).isEqualTo(1);
        assertThat(count(registry, "cache.gets", "result", "miss")).isEqualTo(3);
        assertThat(count(registry, "cache.puts")).isEqualTo(4);
        assertThat(count(registry, "perfmon.cache.invalidations")).isEqualTo(1);
        // Nothing of Boot's binder: its meters carry the cache.manager and name tags.
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith("cache.")) {
                assertThat(meter.getId().getTag("cache.manager")).as(meter.getId().toString()).isNull();
                assertThat(meter.getId().getTag("name")).as(meter.getId().toString()).isNull();
            }
        }
        assertThat(registry.find("cache.gets").tag("cache", "posts").counters()).hasSize(2);
    }

    private static double count(MeterRegistry registry, String name, String... tags) {
        return registry.find(name).tag("cache", "posts").tags(tags).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Caching {

        @Bean
        PostService postService() {
            return new PostService();
        }
    }

    /** An annotated service, as an application writes one. */
    static class PostService {
        private final AtomicInteger calls = new AtomicInteger();
        private final CountDownLatch release = new CountDownLatch(1);

        public void release() {
            release.countDown();
        }

        public int calls() {
            return calls.get();
        }

        @Cacheable("posts")
        public String title(long id) {
            return "post " + id;
        }

        @Cacheable(cacheNames = "posts", sync = true)
        public String titleSync(long id) throws InterruptedException {
            calls.incrementAndGet();
            release.await(10, TimeUnit.SECONDS);
            return "post " + id;
        }

        @CachePut(cacheNames = "posts", key = "#id")
        public String update(long id) {
            return "post " + id;
        }

        @CacheEvict(cacheNames = "posts", key = "#id")
        public void evict(long id) {
        }
    }
}
