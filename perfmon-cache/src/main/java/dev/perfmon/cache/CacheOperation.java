package dev.perfmon.cache;

/** What a cache was doing when it failed: the {@code operation} tag of {@code perfmon.cache.errors}. */
public enum CacheOperation {
    /** Reading a value. */
    GET("get"),
    /** Writing a value, including the write-back after a load. */
    PUT("put"),
    /** Invalidating (evicting, deleting, clearing) values. */
    DELETE("delete"),
    /** Taking or releasing a cross-instance load lock. */
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
