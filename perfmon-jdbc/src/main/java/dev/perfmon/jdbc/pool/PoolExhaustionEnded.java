package dev.perfmon.jdbc.pool;

import dev.perfmon.core.event.PoolSaturation;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.internal.Require;
import dev.perfmon.jdbc.pool.internal.Durations;
import dev.perfmon.jdbc.pool.internal.SaturationFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A pool-exhaustion episode closed: no thread waited on a full pool and no acquisition timed out
 * for the quiet period. Carries what only the whole episode shows: its duration, every route
 * that waited, the timeouts, and the longest hold seen per holding route.
 *
 * <p>As a {@link PoolSaturation} it closes the episode and exposes its peak, holders and waiting
 * routes as data; the pool's counts at the end are not carried ({@link PoolSaturation#UNKNOWN}).
 *
 * @param pool the pool name
 * @param trigger what opened the episode
 * @param duration from the first saturated sample (or the first timed-out wait) to the last busy sample
 * @param peakWaiting the most threads sampled waiting during the episode
 * @param timeouts acquisitions that timed out during the episode
 * @param waitingRoutes every route that waited during the episode, most waits first
 * @param longestHolders per holding route, the longest hold seen while threads waited, longest first
 *     (stacks are not repeated here; they are in the opening {@link PoolExhausted})
 * @param timestamp when the episode closed
 */
public record PoolExhaustionEnded(String pool, ExhaustionTrigger trigger, Duration duration, int peakWaiting,
                                  long timeouts, List<WaitingRoute> waitingRoutes,
                                  List<ConnectionHolder> longestHolders, Instant timestamp)
        implements PoolSaturation {

    /** The {@link #kind()} of every episode-end event. */
    public static final String KIND = "pool.exhaustion.ended";

    public PoolExhaustionEnded {
        Require.nonNull("pool, trigger, duration, timestamp", pool, trigger, duration, timestamp);
        waitingRoutes = List.copyOf(waitingRoutes);
        longestHolders = List.copyOf(longestHolders);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** @return the route with the most waits, or {@code none} */
    @Override
    public String route() {
        return waitingRoutes.isEmpty() ? "none" : waitingRoutes.get(0).route();
    }

    @Override
    public Severity severity() {
        return Severity.INFO;
    }

    /** @return false: this event closes the episode */
    @Override
    public boolean opensEpisode() {
        return false;
    }

    /** @return {@link PoolSaturation#UNKNOWN}: the episode's end carries no pool counts */
    @Override
    public int maxConnections() {
        return UNKNOWN;
    }

    /** @return {@link PoolSaturation#UNKNOWN} */
    @Override
    public int active() {
        return UNKNOWN;
    }

    /** @return {@link PoolSaturation#UNKNOWN} */
    @Override
    public int idle() {
        return UNKNOWN;
    }

    /** @return {@link PoolSaturation#UNKNOWN} */
    @Override
    public int waiting() {
        return UNKNOWN;
    }

    /** @return the longest hold per holding route, longest first */
    @Override
    public List<Holder> holders() {
        return SaturationFacts.holders(longestHolders);
    }

    /** @return every route that waited during the episode, most waits first */
    @Override
    public List<Waiter> waiters() {
        return SaturationFacts.waiters(waitingRoutes);
    }

    @Override
    public String summary() {
        StringBuilder b = new StringBuilder(160);
        b.append("pool '").append(pool).append("' recovered after ").append(Durations.format(duration))
                .append(" of exhaustion: peak ").append(peakWaiting).append(" waiting, ")
                .append(timeouts).append(timeouts == 1 ? " timeout" : " timeouts");
        if (!longestHolders.isEmpty()) {
            b.append("; held by ").append(join(longestHolders));
        }
        if (!waitingRoutes.isEmpty()) {
            b.append("; waiting: ").append(join(waitingRoutes));
        }
        return b.toString();
    }

    private static String join(List<?> items) {
        StringBuilder b = new StringBuilder();
        for (Object item : items) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(item);
        }
        return b.toString();
    }
}
