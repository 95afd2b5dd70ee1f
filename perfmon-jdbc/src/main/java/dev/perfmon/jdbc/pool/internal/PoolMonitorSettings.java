package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * The validated settings of one pool monitor (built by {@code PerfMonPoolMonitor.Builder}).
 *
 * @param sampleInterval how often each pool's live counts are sampled
 * @param exhaustionThreshold how long threads must have waited on a full pool before an episode opens
 * @param quietPeriod how long without waiting on a full pool or timeouts before an episode closes
 * @param longHoldThreshold a fixed long-hold threshold, or {@code null} for max(60 s, 2 x connectionTimeout)
 * @param captureAcquisitionStacks whether each borrow records its stack (costs a stack walk per borrow)
 * @param maxHolders how many of the longest holders a snapshot lists
 */
public record PoolMonitorSettings(Duration sampleInterval, Duration exhaustionThreshold, Duration quietPeriod,
                                  @Nullable Duration longHoldThreshold, boolean captureAcquisitionStacks, int maxHolders) {

    /** Long holds are at least this long unless configured otherwise. */
    public static final Duration MIN_DEFAULT_LONG_HOLD = Duration.ofSeconds(60);

    /** @return the long-hold threshold for a pool with the given connection timeout */
    public Duration longHoldThreshold(long connectionTimeoutMillis) {
        if (longHoldThreshold != null) {
            return longHoldThreshold;
        }
        Duration twice = Duration.ofMillis(Math.max(0, connectionTimeoutMillis)).multipliedBy(2);
        return twice.compareTo(MIN_DEFAULT_LONG_HOLD) > 0 ? twice : MIN_DEFAULT_LONG_HOLD;
    }
}
