package dev.perfmon.redis;

import org.jspecify.annotations.Nullable;

/**
 * Thrown (or completes a future) in {@link FailureMode#FAIL_CLOSED fail-closed} mode when Redis
 * fails a cache operation: timed out, not connected, rejected, or answered with an error, or when
 * the operation skipped Redis (circuit breaker open, request budget spent). In the
 * default fail-open mode it never reaches the application. The failure was already counted as
 * {@code perfmon.cache.errors{cache,operation,cause}}.
 */
public class CacheUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String cacheName;
    private final String operation;
    private final String reason;

    /**
     * @param cacheName the cache's name
     * @param operation {@code get}, {@code put}, {@code delete} or {@code lock}
     * @param reason {@code timeout}, {@code connection}, {@code server}, {@code rejected},
     *     {@code breaker} or {@code budget}
     * @param cause Lettuce's exception, if any
     */
    public CacheUnavailableException(String cacheName, String operation, String reason, @Nullable Throwable cause) {
        super("cache '" + cacheName + "': " + operation + " failed (" + reason + ")", cause);
        this.cacheName = cacheName;
        this.operation = operation;
        this.reason = reason;
    }

    /** @return the cache's name */
    public String cacheName() {
        return cacheName;
    }

    /** @return the failed operation, as in the {@code operation} tag */
    public String operation() {
        return operation;
    }

    /** @return why, as in the {@code cause} tag */
    public String reason() {
        return reason;
    }
}
