package dev.perfmon.spring.cache;

import dev.perfmon.cache.CacheRecorder;
import dev.perfmon.cache.Flights;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.internal.Require;
import dev.perfmon.spring.cache.internal.NativeCacheMeters;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link CacheManager} that decorates every cache of another one (Redis, Caffeine,
 * {@code ConcurrentMapCacheManager}, ...) with an {@link InstrumentedCache}, so
 * {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} publish perfmon's cache meters
 * ({@code cache.gets}, {@code cache.puts}, {@code cache.loads}, {@code perfmon.cache.*}, tagged
 * {@code cache=<name>}) and {@code @Cacheable(sync = true)} gets per-key single-flight:
 *
 * <pre>{@code
 * @Bean
 * CacheManager cacheManager(RedisConnectionFactory redis, PerfMon perfMon) {
 *     return PerfMonCacheManager.wrap(RedisCacheManager.create(redis), perfMon);
 * }
 * }</pre>
 *
 * Each cache name gets one {@link CacheRecorder}: its meters are registered the first time the
 * cache is asked for, and kept when the decorated manager hands out a new instance of the cache
 * (after {@code resetCaches()}, say). What only the cache library knows (a Caffeine cache's
 * {@code cache.size}, {@code cache.evictions} for size and {@code cache.eviction.weight}) is bound
 * with Micrometer's binder for that library, once per name, to the first native cache. Asking for a cache again costs the decorated manager's
 * lookup plus one map read: Spring resolves the cache on every annotated call. Failures of the recorder are counted as
 * {@code perfmon.internal.errors{component=spring-cache}} and never reach the application.
 */
public final class PerfMonCacheManager implements CacheManager {

    /** The {@code component} of {@code perfmon.internal.errors} for failures of this module's recording. */
    public static final String COMPONENT = "spring-cache";

    private final CacheManager delegate;
    private final PerfMon perfMon;
    private final boolean singleFlight;
    private final int maxInFlightLoads;
    private final Duration stampedeEventInterval;
    private final ConcurrentMap<String, InstrumentedCache> caches = new ConcurrentHashMap<>();

    private PerfMonCacheManager(Builder builder) {
        this.delegate = builder.delegate;
        this.perfMon = builder.perfMon;
        this.singleFlight = builder.singleFlight;
        this.maxInFlightLoads = builder.maxInFlightLoads;
        this.stampedeEventInterval = builder.stampedeEventInterval;
    }

    /**
     * @param delegate the manager whose caches are decorated (initialised: a manager that is not
     *     a bean of its own needs its {@code afterPropertiesSet()} called if it has one)
     * @param perfMon where the meters are registered
     * @return the decorating manager, with single-flight on
     */
    public static PerfMonCacheManager wrap(CacheManager delegate, PerfMon perfMon) {
        return builder(delegate, perfMon).build();
    }

    /** @return a builder for settings other than the defaults of {@link #wrap} */
    public static Builder builder(CacheManager delegate, PerfMon perfMon) {
        return new Builder(delegate, perfMon);
    }

    /** @return the decorated manager */
    public CacheManager delegate() {
        return delegate;
    }

    @Override
    public @Nullable Cache getCache(String name) {
        Cache cache = delegate.getCache(name);
        if (cache == null || cache instanceof InstrumentedCache) {
            return cache;
        }
        InstrumentedCache current = caches.get(name);
        if (current != null && current.delegate() == cache) {
            return current;
        }
        return caches.compute(name, (key, existing) -> {
            if (existing != null && existing.delegate() == cache) {
                return existing;
            }
            CacheRecorder recorder = existing != null ? existing.recorder() : newRecorder(name, cache);
            return new InstrumentedCache(cache, recorder, new Flights<>(maxInFlightLoads), singleFlight);
        });
    }

    /** The first time a name is asked for: perfmon's meters, and the library's own size and evictions. */
    private CacheRecorder newRecorder(String name, Cache cache) {
        CacheRecorder recorder = CacheRecorder.builder(perfMon, name).component(COMPONENT)
                .stampedeEventInterval(stampedeEventInterval).build();
        NativeCacheMeters.bind(cache, perfMon, COMPONENT);
        return recorder;
    }

    @Override
    public Collection<String> getCacheNames() {
        return delegate.getCacheNames();
    }

    @Override
    public void resetCaches() {
        delegate.resetCaches();
    }

    @Override
    public String toString() {
        return "PerfMonCacheManager[" + delegate + "]";
    }

    /** Settings of a {@link PerfMonCacheManager}. */
    public static final class Builder {
        private final CacheManager delegate;
        private final PerfMon perfMon;
        private boolean singleFlight = true;
        private int maxInFlightLoads = 10_000;
        private Duration stampedeEventInterval = Duration.ofSeconds(10);

        private Builder(CacheManager delegate, PerfMon perfMon) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            this.perfMon = Objects.requireNonNull(perfMon, "perfMon");
            if (delegate instanceof PerfMonCacheManager) {
                throw new IllegalArgumentException("the cache manager is already decorated: " + delegate);
            }
        }

        /**
         * Whether concurrent {@code get(key, Callable)} misses of one key in this JVM share one
         * loader call (default {@code true}); without it, overlapping loads of a key are counted
         * and reported as stampedes.
         */
        public Builder singleFlight(boolean singleFlight) {
            this.singleFlight = singleFlight;
            return this;
        }

        /** Bound of the keys tracked in flight per cache (default 10,000); past it loads run untracked. */
        public Builder maxInFlightLoads(int maxInFlightLoads) {
            this.maxInFlightLoads = Require.atLeast("maxInFlightLoads", maxInFlightLoads, 1);
            return this;
        }

        /** At most one {@code CacheStampede} event per cache and interval (default 10 s). */
        public Builder stampedeEventInterval(Duration interval) {
            this.stampedeEventInterval = Require.notNegative("stampedeEventInterval", interval);
            return this;
        }

        /** @return the decorating manager */
        public PerfMonCacheManager build() {
            return new PerfMonCacheManager(this);
        }
    }
}
