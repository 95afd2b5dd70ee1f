package dev.perfmon.redis.internal;

import dev.perfmon.redis.CacheUnavailableException;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;

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
    public <T> @Nullable T fallback(RedisFailure failure, @Nullable T answer) {
        throw unavailable(failure);
    }

    @Override
    public boolean refuse(RedisFailure failure, CompletableFuture<?> out) {
        out.completeExceptionally(unavailable(failure));
        return true;
    }

    private CacheUnavailableException unavailable(RedisFailure failure) {
        return new CacheUnavailableException(cache, failure.operation().tag(), failure.errorCause().tag(),
                failure.getCause());
    }
}
