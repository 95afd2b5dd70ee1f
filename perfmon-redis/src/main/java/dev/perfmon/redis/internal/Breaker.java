package dev.perfmon.redis.internal;

import dev.perfmon.cache.CacheErrorCause;

/**
 * The circuit breaker the gateway consults around every command: {@link #tryAcquire()} before
 * sending, then exactly one of {@link #succeeded()} or {@link #failed(CacheErrorCause)} for every
 * acquired command. {@link #NONE} lets everything through and records nothing (the breaker
 * turned off).
 */
public abstract class Breaker {

    /** The breaker turned off: every command is sent, nothing is recorded. */
    public static final Breaker NONE = new Breaker() {
        @Override
        public boolean tryAcquire() {
            return true;
        }

        @Override
        public void succeeded() {
        }

        @Override
        public void failed(CacheErrorCause cause) {
        }
    };

    /** @return whether a command may be sent now; {@code false}: fail fast (cause {@code breaker}) */
    public abstract boolean tryAcquire();

    /** An acquired command got a reply (an error reply too: Redis answered). */
    public abstract void succeeded();

    /**
     * An acquired command failed; only {@link CacheErrorCause#TIMEOUT} and
     * {@link CacheErrorCause#CONNECTION} count against Redis, anything else is a reply or a local
     * failure and counts as {@link #succeeded()} (server) or is ignored.
     */
    public abstract void failed(CacheErrorCause cause);
}
