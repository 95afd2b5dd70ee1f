package dev.perfmon.spring.cache.internal;

import dev.perfmon.cache.CacheErrorCause;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Maps what a Spring {@code Cache} threw onto the {@code cause} tag of
 * {@code perfmon.cache.errors}. Spring's cache abstraction has no failure types of its own, so
 * the causal chain is read by type and, for the store clients' own exceptions (Spring Data
 * Redis, Lettuce, Jedis, Hazelcast ...), by class name, which never depends on them being on the
 * class path. Anything unrecognised is {@code server}: the cache answered with an error.
 */
public final class CacheErrors {

    private static final int MAX_DEPTH = 16;

    private CacheErrors() {
    }

    /** @return the cause tag for a failure of a cache operation */
    public static CacheErrorCause classify(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (t instanceof TimeoutException) {
                return CacheErrorCause.TIMEOUT;
            }
            if (t instanceof ConnectException) {
                return CacheErrorCause.CONNECTION;
            }
            String name = t.getClass().getSimpleName();
            if (name.contains("Timeout")) {
                return CacheErrorCause.TIMEOUT;
            }
            if (name.contains("Serializ") || name.contains("Deserializ")) {
                return CacheErrorCause.CODEC;
            }
            if (name.contains("Connect")) {
                return CacheErrorCause.CONNECTION;
            }
        }
        return CacheErrorCause.SERVER;
    }
}
