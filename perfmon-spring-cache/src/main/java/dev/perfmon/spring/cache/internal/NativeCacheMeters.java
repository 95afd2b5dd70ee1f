package dev.perfmon.spring.cache.internal;

import dev.perfmon.core.PerfMon;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.cache.Cache;

import java.util.Set;

/**
 * Binds what only the cache library itself knows, and perfmon's recorder therefore cannot count:
 * the number of entries ({@code cache.size}) and the entries it evicted for size
 * ({@code cache.evictions}, {@code cache.eviction.weight}). Micrometer's own binder for the
 * library does the binding; its hit, miss, put and load meters are filtered out, since perfmon
 * writes those from the calls it sees (one writer per meter). Without this, decorating a
 * Caffeine cache would lose the size and eviction meters Boot's binder gave it.
 *
 * <p>Only Caffeine is known here; other caches bind nothing. A failure is counted, never thrown.
 */
public final class NativeCacheMeters {

    /** The meters taken from the library's binder; every other one is perfmon's. */
    static final Set<String> LIBRARY_ONLY = Set.of("cache.size", "cache.evictions", "cache.eviction.weight");

    private static final boolean CAFFEINE_PRESENT = isPresent("com.github.benmanes.caffeine.cache.Cache");

    private NativeCacheMeters() {
    }

    /**
     * @param cache the decorated cache (its native cache is what is measured)
     * @param perfMon whose registry receives the meters, tagged {@code cache=<name>} like perfmon's
     * @param component the component a failure is counted under
     */
    public static void bind(Cache cache, PerfMon perfMon, String component) {
        try {
            if (CAFFEINE_PRESENT && cache.getNativeCache() instanceof com.github.benmanes.caffeine.cache.Cache<?, ?> caffeine) {
                new CaffeineCacheMetrics<>(caffeine, cache.getName(), Tags.empty()).bindTo(libraryOnly(perfMon));
            }
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(component, failure);
        }
    }

    /** A view of the registry that lets through only the library-only meters. */
    private static CompositeMeterRegistry libraryOnly(PerfMon perfMon) {
        CompositeMeterRegistry view = new CompositeMeterRegistry(perfMon.registry().config().clock());
        view.config().meterFilter(MeterFilter.denyUnless(id -> LIBRARY_ONLY.contains(id.getName())));
        view.add(perfMon.registry());
        return view;
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, NativeCacheMeters.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
