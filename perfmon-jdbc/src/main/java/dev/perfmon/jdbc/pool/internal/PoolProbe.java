package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.Nullable;

/** Reads one pool's live state for the sampler; tests substitute their own. */
public interface PoolProbe {

    /** @return whether {@code into} was filled; false while the pool has not started */
    boolean read(PoolReadings into);

    /** @return the pool name, or {@code null} until known */
    @Nullable String poolName();

    /** @return the pool's connection timeout in milliseconds */
    long connectionTimeoutMillis();

    /** @return whether the pool was shut down */
    boolean closed();

    /** @return timeouts counted by HikariCP's own meter when perfmon cannot see them itself, or -1 */
    long hikariTimeouts();
}
