package dev.perfmon.redis;

/** What a cache does when Redis fails (times out, is unreachable, rejects, or answers with an error). */
public enum FailureMode {
    /**
     * The default: serve the request without Redis. {@code getOrLoad} calls the loader (without
     * writing back), {@code get} returns nothing, {@code put} and {@code invalidate} return
     * {@code false}. The failure is counted as {@code perfmon.cache.errors}, never as a miss.
     */
    FAIL_OPEN,
    /**
     * Throw {@link CacheUnavailableException} (or complete with it) instead, and do not call
     * the loader: for data whose origin must be protected from the load a cache outage would
     * send to it.
     */
    FAIL_CLOSED
}
