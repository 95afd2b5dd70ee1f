package dev.perfmon.redis.internal;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code getOrLoad} read left to do when it served nothing: load after a miss, load (or
 * refuse) after a Redis failure, or refresh a value still cached (XFetch picked this reader).
 * A read that served a value returns the value itself, so telling the two apart is one type
 * check and a hit allocates nothing.
 */
final class LoadNeeded {

    /** Redis answered with nothing (or with bytes that did not decode, already counted). */
    static final LoadNeeded MISS = new LoadNeeded(null);
    /** Redis failed (already counted); the {@link FailurePolicy} decides what comes next. */
    static final LoadNeeded AFTER_FAILURE = new LoadNeeded(null);

    /** The still cached value to refresh ({@link CacheCore#decode}'s result), or {@code null}. */
    final @Nullable Object cached;

    private LoadNeeded(@Nullable Object cached) {
        this.cached = cached;
    }

    /** @return a refresh of the decoded value {@code cached}, which the reader was served */
    static LoadNeeded early(Object cached) {
        return new LoadNeeded(cached);
    }

    /** @return whether this refreshes a value still cached */
    boolean early() {
        return cached != null;
    }
}
