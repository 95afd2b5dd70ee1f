package dev.perfmon.core;

import dev.perfmon.core.internal.Interned;

/**
 * A named count a request scope accumulates: SQL statements, cache hits, cache misses, or any
 * count a module or the application wants to see per request.
 *
 * <p>Interned like {@link Segment}: the same name gives the same instance.
 */
public final class ScopeCounter extends ScopeName {

    private static final Interned<ScopeCounter> INTERNED = new Interned<>("counter", ScopeCounter::new);

    /** SQL statements (round trips) executed; published as {@code perfmon.request.statements}. */
    public static final ScopeCounter STATEMENTS = of("db.statements");
    /** Cache lookups that found a value. */
    public static final ScopeCounter CACHE_HITS = of("cache.hits");
    /** Cache lookups that found nothing. */
    public static final ScopeCounter CACHE_MISSES = of("cache.misses");
    /** Where counters go once a scope has no free slot left. */
    public static final ScopeCounter OTHER = of("other");

    private ScopeCounter(String name) {
        super(name);
    }

    /**
     * Returns the counter with this name, creating it on first use.
     *
     * @param name a short, fixed name; not blank
     * @return the interned counter
     * @throws IllegalArgumentException if the name is blank
     */
    public static ScopeCounter of(String name) {
        return INTERNED.of(name);
    }
}
