package dev.perfmon.redis.internal;

import org.jspecify.annotations.Nullable;

/**
 * What a cache operation does after Redis failed (the failure is already counted): picked once
 * from the cache's {@code FailureMode}, so no flow branches on the mode. {@link FailOpen} lets
 * the operation go on without Redis; {@link FailClosed} ends it with a
 * {@code CacheUnavailableException}, before any loader is called. The flows ask it in one place,
 * {@link CacheCore#refusal}, and hand the answer to their caller however that caller waits
 * (thrown to a blocking caller, completing the future of the others).
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
     * @return what ends the operation ({@code CacheUnavailableException}), or {@code null} when
     *     it goes on without Redis
     */
    @Nullable RuntimeException refusal(RedisFailure failure);
}
