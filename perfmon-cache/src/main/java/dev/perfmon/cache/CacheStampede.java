package dev.perfmon.cache;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.internal.Require;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Several callers of one JVM loaded the same key of a cache at the same time: a cache
 * stampede (thundering herd), a common reason for a hit ratio below what the read/write mix
 * predicts. Published by {@link CacheRecorder#duplicateLoad} when loads of one key overlap
 * (callers sharing one load through single-flight are counted as {@code perfmon.cache.coalesced}
 * instead), at most once per cache and interval, carrying what happened since the previous
 * event. Never carries a key.
 *
 * @param cache the cache's name
 * @param route the route of the request that saw the latest duplicate load, or {@code none}
 * @param duplicateLoads loads that started while another load of the same key was in flight,
 *     since the previous event of this cache
 * @param maxConcurrentLoads the most loads of one key seen in flight at once in that window
 * @param window how long the window was: since the previous event, or since the cache was built
 *     for the first one (which is published at once)
 * @param timestamp when the event was published
 */
public record CacheStampede(String cache, String route, long duplicateLoads, int maxConcurrentLoads,
                            Duration window, Instant timestamp) implements PerfMonEvent {

    /** The {@link #kind()} of every cache-stampede event. */
    public static final String KIND = "cache.stampede";

    public CacheStampede {
        Require.nonNull("cache, route, window, timestamp", cache, route, window, timestamp);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "cache '" + cache + "': " + duplicateLoads + " duplicate concurrent loads in "
                + String.format(Locale.ROOT, "%.1f", window.toMillis() / 1000.0) + " s (up to " + maxConcurrentLoads
                + " loads of one key at once); enable single-flight or a cross-instance lock to share them";
    }
}
