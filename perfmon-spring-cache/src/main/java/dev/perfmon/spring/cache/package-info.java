/**
 * Spring's cache abstraction counted through perfmon: {@link dev.perfmon.spring.cache.PerfMonCacheManager}
 * decorates any {@code CacheManager}. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.spring.cache;

import org.jspecify.annotations.NullMarked;
