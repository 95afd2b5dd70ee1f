package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.PerfMon;
import dev.perfmon.spring.boot.autoconfigure.internal.CacheManagerInstrumenter;
import dev.perfmon.spring.cache.PerfMonCacheManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;

/**
 * Instruments Spring's cache abstraction: every {@link CacheManager} bean (Redis, Caffeine,
 * {@code ConcurrentMapCacheManager}, JCache, any) is decorated once by
 * {@link PerfMonCacheManager}, so {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict}
 * publish {@code cache.gets{result=hit|miss}}, {@code cache.puts}, {@code cache.loads},
 * {@code perfmon.cache.invalidations} and {@code perfmon.cache.errors}, tagged
 * {@code cache=<name>}, and {@code @Cacheable(sync = true)} gets per-key single-flight and
 * stampede detection. Boot's own cache meter binders then find no cache of a type they know, so
 * each cache meter has one writer.
 */
@AutoConfiguration(after = PerfMonAutoConfiguration.class)
@ConditionalOnClass({PerfMonCacheManager.class, CacheManager.class})
@ConditionalOnProperty(prefix = PerfMonProperties.PREFIX, name = "cache.enabled", matchIfMissing = true)
@ConditionalOnBean(PerfMon.class)
public class PerfMonCacheAutoConfiguration {

    /**
     * Static, so it exists before the CacheManager beans it post-processes.
     *
     * @return the post-processor decorating CacheManager beans
     */
    @Bean
    @ConditionalOnMissingBean
    static CacheManagerInstrumenter perfMonCacheManagerInstrumenter(ObjectProvider<PerfMon> perfMon,
                                                                    ObjectProvider<PerfMonProperties> settings) {
        return new CacheManagerInstrumenter(perfMon, () -> settings.getObject().getCache().isSingleFlight());
    }
}
