package dev.perfmon.redis.internal;

import dev.perfmon.cache.CacheErrorCause;
import dev.perfmon.cache.CacheOperation;
import org.jspecify.annotations.Nullable;

/**
 * A Redis failure the cache has already counted; carried internally between the gateway and
 * the cache flows, never thrown to the application (which sees the fallback, or a
 * {@code CacheUnavailableException} in fail-closed mode). No stack trace: it is flow control.
 */
public final class RedisFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient CacheOperation operation;
    private final transient CacheErrorCause cause;

    RedisFailure(CacheOperation operation, CacheErrorCause cause, @Nullable Throwable failure) {
        super(operation.tag() + " failed (" + cause.tag() + ")", failure, false, false);
        this.operation = operation;
        this.cause = cause;
    }

    /** @return what was being done */
    public CacheOperation operation() {
        return operation;
    }

    /** @return why it failed */
    public CacheErrorCause errorCause() {
        return cause;
    }
}
