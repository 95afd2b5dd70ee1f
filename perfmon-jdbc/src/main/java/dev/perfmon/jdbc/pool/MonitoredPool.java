package dev.perfmon.jdbc.pool;

import java.time.Duration;

/**
 * One HikariCP pool watched by a {@link PerfMonPoolMonitor}: its mode, its live snapshot and
 * whether an exhaustion episode is open. Returned by {@link PerfMonPoolMonitor#monitor} and
 * listed by {@link PerfMonPoolMonitor#pools()}.
 */
public interface MonitoredPool {

    /** Name reported before a lazily started pool has started. */
    String NOT_STARTED = "(not started)";

    /** @return the pool name (HikariCP's {@code poolName}), or {@link #NOT_STARTED} */
    String name();

    /** @return how the pool is watched; {@link MonitorMode#POLLING} when it had its own metrics already */
    MonitorMode mode();

    /**
     * Takes a snapshot now: live counts, the longest holders with what their threads are doing
     * (their current stacks), the routes that waited during the current episode or saturation run,
     * and the routes of threads waiting right now when they come through perfmon's
     * {@link dev.perfmon.jdbc.PerfMonDataSource}.
     *
     * @return the snapshot
     */
    PoolSnapshot snapshot();

    /** @return whether an exhaustion episode is open */
    boolean exhausted();

    /** @return how many exhaustion episodes opened since the pool was first monitored */
    long exhaustionEpisodes();

    /** @return the hold time past which a {@link LongConnectionHold} is reported for this pool */
    Duration longHoldThreshold();
}
