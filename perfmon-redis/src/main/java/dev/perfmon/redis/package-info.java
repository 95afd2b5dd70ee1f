/**
 * Cached reads over Lettuce: named caches ({@link dev.perfmon.redis.PerfMonCache} and its async
 * and reactive twins) with hit/miss metrics, single-flight loading, stampede detection,
 * fail-open to the loader and per-request Redis time. Nothing here is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.redis;

import org.jspecify.annotations.NullMarked;
