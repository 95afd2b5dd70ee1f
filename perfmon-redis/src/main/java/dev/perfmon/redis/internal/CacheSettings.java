package dev.perfmon.redis.internal;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * A cache's validated settings, as the public builder collected them.
 *
 * @param name the {@code cache} tag value
 * @param timeoutNanos the cache's own Redis timeout
 * @param defaultTtlMillis TTL when a call gives none
 * @param failClosed whether Redis failures reach the caller instead of the fallback
 * @param singleFlight whether concurrent misses of one key share one load
 * @param maxInFlightLoads bound of the in-flight map
 * @param maxPendingCommands bound of commands awaiting a reply
 * @param negativeTtlMillis TTL of a cached {@code null}, 0 when nulls are not cached
 * @param stampedeEventInterval at most one stampede event per interval
 * @param lockLeaseMillis lease of the cross-instance lock, 0 when off
 * @param lockMaxWaitNanos how long to wait for another instance's load
 * @param earlyRecomputationBeta XFetch beta, 0 when off
 * @param loaderExecutor where the asynchronous and reactive views invoke their loaders
 * @param requestBudgetNanos Redis time a request scope may spend before the cache skips Redis, 0 when off
 */
public record CacheSettings(String name, long timeoutNanos, long defaultTtlMillis, boolean failClosed,
                            boolean singleFlight, int maxInFlightLoads, int maxPendingCommands,
                            long negativeTtlMillis, Duration stampedeEventInterval, long lockLeaseMillis,
                            long lockMaxWaitNanos, double earlyRecomputationBeta,
                            Executor loaderExecutor, long requestBudgetNanos) {
}
