package dev.perfmon.redis.internal;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Why a cache operation failed: the {@code cause} tag of {@code perfmon.cache.errors}. */
public enum ErrorCause {
    /** No reply within the cache's own timeout (or Lettuce's, if shorter). */
    TIMEOUT("timeout"),
    /** Not connected, connection lost, or commands rejected while disconnected. */
    CONNECTION("connection"),
    /** The value codec could not encode or decode a value. */
    CODEC("codec"),
    /** Redis answered with an error reply (OOM, WRONGTYPE, READONLY, NOSCRIPT ...). */
    SERVER("server"),
    /** Not sent: the cache's bound on commands awaiting a reply was reached. */
    REJECTED("rejected"),
    /** Not sent: the Redis client's circuit breaker is open (or a probe is out). */
    BREAKER("breaker"),
    /** Not sent: the request scope already spent its Redis time budget. */
    BUDGET("budget");

    private final String tag;

    ErrorCause(String tag) {
        this.tag = tag;
    }

    /** @return the tag value */
    public String tag() {
        return tag;
    }

    /**
     * Classifies what Lettuce reported. Everything that is neither a timeout nor an error reply
     * is a connection problem: Lettuce reports closed channels, refused connections and
     * rejected commands with a family of {@code RedisException}s and Netty exceptions.
     */
    public static ErrorCause of(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TimeoutException || t instanceof RedisCommandTimeoutException) {
            return TIMEOUT;
        }
        if (t instanceof RedisCommandExecutionException) {
            return SERVER;
        }
        return CONNECTION;
    }
}
