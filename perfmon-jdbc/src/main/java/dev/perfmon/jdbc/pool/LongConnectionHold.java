package dev.perfmon.jdbc.pool;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.internal.Require;
import dev.perfmon.jdbc.pool.internal.Durations;
import dev.perfmon.jdbc.pool.internal.StackFrames;

import java.time.Duration;
import java.time.Instant;

/**
 * A connection held longer than the long-hold threshold (default the larger of 60 s and twice
 * the pool's {@code connectionTimeout}). Published once per borrow, while the connection is
 * still held, and counted as {@code perfmon.pool.long.holds{pool,uri}}.
 *
 * @param pool the pool name
 * @param holder who holds it: route, thread, how long, the acquisition stack when enabled and
 *     what the thread was doing when the hold was detected
 * @param threshold the threshold it crossed
 * @param timestamp when it was detected
 */
public record LongConnectionHold(String pool, ConnectionHolder holder, Duration threshold, Instant timestamp)
        implements PerfMonEvent {

    /** The {@link #kind()} of every long-hold event. */
    public static final String KIND = "pool.long.hold";

    public LongConnectionHold {
        Require.nonNull("pool, holder, threshold, timestamp", pool, holder, threshold, timestamp);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String route() {
        return holder.route();
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        String where = holder.acquisitionStack().isEmpty()
                ? (holder.currentStack().isEmpty() ? "" : "; now in " + StackFrames.site(holder.currentStack()))
                : "; acquired at " + holder.acquisitionSite();
        return "pool '" + pool + "': connection held " + Durations.format(holder.heldFor()) + " by "
                + holder.route() + " [thread " + holder.thread() + "] (threshold "
                + Durations.format(threshold) + ")" + where;
    }
}
