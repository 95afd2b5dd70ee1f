package dev.perfmon.redis.internal;

/** What a cache was doing when Redis failed: the {@code operation} tag of {@code perfmon.cache.errors}. */
public enum CacheOperation {
    /** Reading a value (GET). */
    GET("get"),
    /** Writing a value (SET with a TTL), including the write-back after a load. */
    PUT("put"),
    /** Invalidating a value (DEL). */
    DELETE("delete"),
    /** Taking or releasing the cross-instance load lock. */
    LOCK("lock");

    private final String tag;

    CacheOperation(String tag) {
        this.tag = tag;
    }

    /** @return the tag value */
    public String tag() {
        return tag;
    }
}
