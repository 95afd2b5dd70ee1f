package dev.perfmon.redis.internal;

import dev.perfmon.cache.CacheErrorCause;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;

import java.util.concurrent.TimeoutException;

/** Maps what Lettuce reports onto the {@code cause} tag of {@code perfmon.cache.errors}. */
final class LettuceErrors {

    private LettuceErrors() {
    }

    /**
     * Classifies what Lettuce reported. Everything that is neither a timeout nor an error reply
     * is a connection problem: Lettuce reports closed channels, refused connections and
     * rejected commands with a family of {@code RedisException}s and Netty exceptions, and
     * cancels the commands of a connection it resets.
     */
    static CacheErrorCause of(Throwable failure) {
        Throwable t = Throwables.unwrap(failure);
        if (t instanceof TimeoutException || t instanceof RedisCommandTimeoutException) {
            return CacheErrorCause.TIMEOUT;
        }
        if (t instanceof RedisCommandExecutionException) {
            return CacheErrorCause.SERVER;
        }
        return CacheErrorCause.CONNECTION;
    }
}
