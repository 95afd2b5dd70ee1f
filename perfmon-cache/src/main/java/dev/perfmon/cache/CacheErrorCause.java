package dev.perfmon.cache;

/**
 * Why a cache operation failed: the {@code cause} tag of {@code perfmon.cache.errors}. The set is
 * fixed (every pair with a {@link CacheOperation} is registered up front); a client maps its own
 * failures onto it.
 */
public enum CacheErrorCause {
    /** No answer within the time the client allows. */
    TIMEOUT("timeout"),
    /** Not connected, connection lost, or commands rejected while disconnected. */
    CONNECTION("connection"),
    /** A value could not be encoded or decoded (serialized, deserialized). */
    CODEC("codec"),
    /** The cache server (or the cache implementation) answered with an error. */
    SERVER("server"),
    /** Not sent: the client's bound on commands awaiting an answer was reached. */
    REJECTED("rejected"),
    /** Not sent: the client's circuit breaker is open (or a probe is out). */
    BREAKER("breaker"),
    /** Not sent: the request scope already spent its time budget for the cache. */
    BUDGET("budget");

    private final String tag;

    CacheErrorCause(String tag) {
        this.tag = tag;
    }

    /** @return the tag value */
    public String tag() {
        return tag;
    }
}
