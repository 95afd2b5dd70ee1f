package dev.perfmon.core.internal;

/**
 * The global budget of the default finding log: at most {@code budget} lines per interval,
 * whatever the number of routes, kinds or statement shapes. Findings over the budget are left
 * out and tallied; the first line of a later interval carries the tally, so the log says what it
 * left out instead of flooding.
 */
final class FindingLineBudget {

    /** {@link #acquire(long)}'s answer when the budget of the current interval is spent. */
    static final long DENIED = -1;

    private final int budget;
    private final long intervalNanos;
    private boolean started;
    private long windowStart;
    private int used;
    /** Left out in earlier intervals and not reported yet: the next line granted carries them. */
    private long leftOutEarlier;
    /**
     * Left out in this interval: reported from the next interval on, never by a line granted later
     * in this one (a line given back lets one more through, and a tally line with it would go over).
     */
    private long leftOutNow;

    FindingLineBudget(int budget, long intervalNanos) {
        this.budget = budget;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Takes one line of the budget.
     *
     * @param now the monotonic time in nanoseconds
     * @return {@link #DENIED} when the current interval's budget is spent (the finding is tallied),
     *     otherwise how many findings earlier intervals left out since the tally was last handed out
     *     (0 when none)
     */
    synchronized long acquire(long now) {
        if (!started || now - windowStart >= intervalNanos) {
            started = true;
            windowStart = now;
            used = 0;
            leftOutEarlier += leftOutNow;
            leftOutNow = 0;
        }
        if (used >= budget) {
            leftOutNow++;
            return DENIED;
        }
        used++;
        long tally = leftOutEarlier;
        leftOutEarlier = 0;
        return tally;
    }

    /**
     * Gives back a line taken at {@code acquiredAt} and not written (another thread wrote the
     * same key's line first), when its interval is still the current one.
     */
    synchronized void release(long acquiredAt) {
        if (started && acquiredAt - windowStart >= 0 && used > 0) {
            used--;
        }
    }
}
