package dev.perfmon.redis.internal;

import dev.perfmon.redis.CacheUnavailableException;

/**
 * {@code FAIL_CLOSED}: every operation ends with {@link CacheUnavailableException} (thrown, or
 * completing the caller's future), before any loader is called.
 */
final class FailClosed implements FailurePolicy {

    private final String cache;

    FailClosed(String cache) {
        this.cache = cache;
    }

    @Override
    public RuntimeException refusal(RedisFailure failure) {
        return new CacheUnavailableException(cache, failure.operation().tag(), failure.errorCause().tag(),
                failure.getCause());
    }
}
