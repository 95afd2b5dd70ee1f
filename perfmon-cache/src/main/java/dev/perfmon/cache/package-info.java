/**
 * Cache metrics for any cache client: {@link dev.perfmon.cache.CacheRecorder}, per-key single-flight
 * ({@link dev.perfmon.cache.Flights}) and the {@link dev.perfmon.cache.CacheStampede} finding.
 * Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.perfmon.cache;

import org.jspecify.annotations.NullMarked;
