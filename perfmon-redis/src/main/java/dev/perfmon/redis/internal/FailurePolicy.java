package dev.perfmon.redis.internal;


import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;

/**
 * What a cache operation does after Redis failed (the failure is already counted): picked once
 * from the cache's {@code FailureMode}, so no flow branches on the mode.
 * {@link FailOpen} serves the request without Redis; {@link FailClosed} hands the caller a
 * {@code CacheUnavailableException} and never calls the loader.
 */
public interface FailurePolicy {

    /**
     * @param failClosed whether failures reach the caller
     * @param cache the cache's name, for the exception
     * @return the policy
     */
    static FailurePolicy of(boolean failClosed, String cache) {
        return failClosed ? new FailClosed(cache) : FailOpen.INSTANCE;
    }

    /**
     * For blocking callers and for answers computed inside a continuation.
     *
     * @param answer what the operation answers without Redis ({@code null}, {@code false}, ...)
     * @return {@code answer}, when the caller goes on without Redis
     * @throws dev.perfmon.redis.CacheUnavailableException when the failure reaches the caller
     */
    <T> @Nullable T fallback(RedisFailure failure, @Nullable T answer);

    /** {@link #fallback(RedisFailure, Object)} for a yes/no answer. */
    default boolean fallback(RedisFailure failure, boolean answer) {
        fallback(failure, (Object) null);
        return answer;
    }

    /**
     * For non-blocking callers that complete a future of their own.
     *
     * @return {@code true} when the failure completed {@code out} (the caller stops there);
     *     {@code false} when the caller goes on without Redis
     */
    boolean refuse(RedisFailure failure, CompletableFuture<?> out);
}
