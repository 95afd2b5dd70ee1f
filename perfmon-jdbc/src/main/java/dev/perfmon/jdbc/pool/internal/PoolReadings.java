package dev.perfmon.jdbc.pool.internal;

/** The live counts of one pool at one sample; reused by the sampler. */
public final class PoolReadings {
    /** Connections in use. */
    public int active;
    /** Connections idle in the pool. */
    public int idle;
    /** Connections open. */
    public int total;
    /** Threads waiting for a connection. */
    public int waiting;
    /** The pool's maximum size. */
    public int max;

    /** @return whether every connection is in use and threads wait */
    public boolean saturated() {
        return waiting > 0 && max > 0 && active >= max;
    }
}
