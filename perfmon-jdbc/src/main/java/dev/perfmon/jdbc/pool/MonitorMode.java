package dev.perfmon.jdbc.pool;

/** How perfmon watches a HikariCP pool. */
public enum MonitorMode {
    /**
     * perfmon's metrics tracker factory is installed on the pool: borrows and returns are seen
     * on the borrower's thread, so holders, waiting routes, per-route timeouts and the
     * {@code db.pool} segment are all known.
     */
    INSTRUMENTED,
    /**
     * The pool already had a metric registry or tracker factory of its own, so perfmon only
     * polls {@link com.zaxxer.hikari.HikariPoolMXBean}: exhaustion episodes and peaks are
     * detected, but holders, waiting routes and per-route timeouts are unknown.
     */
    POLLING
}
