package dev.perfmon.core;

import dev.perfmon.core.internal.Interned;

/**
 * A named kind of time a request spends somewhere: waiting for a pooled connection, in SQL,
 * in Redis, or in any dependency the application names itself (a Kafka send, an HTTP call).
 *
 * <p>Segments are interned: {@link #of(String)} returns the same instance for the same name,
 * so the request scope can find a segment's slot by identity without hashing on the hot path.
 * Keep segment names few and fixed (they become the {@code segment} tag of
 * {@code perfmon.request.segment}); never build one from request data.
 */
public final class Segment extends ScopeName {

    private static final Interned<Segment> INTERNED = new Interned<>("segment", Segment::new);

    /** Time spent waiting for a connection from a pool ({@code getConnection}). */
    public static final Segment DB_POOL = of("db.pool");
    /** Time spent executing SQL statements. */
    public static final Segment DB_QUERY = of("db.query");
    /** Time spent in Redis commands. */
    public static final Segment REDIS = of("redis");
    /** Where segments go once a scope has no free slot left (see {@link RequestScope}). */
    public static final Segment OTHER = of("other");

    private Segment(String name) {
        super(name);
    }

    /**
     * Returns the segment with this name, creating it on first use.
     *
     * @param name a short, fixed name such as {@code "kafka.send"}; not blank
     * @return the interned segment
     * @throws IllegalArgumentException if the name is blank
     */
    public static Segment of(String name) {
        return INTERNED.of(name);
    }
}
