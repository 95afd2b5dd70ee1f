package dev.perfmon.jdbc.pool;

import dev.perfmon.core.event.PoolSaturation;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.internal.Require;
import dev.perfmon.jdbc.pool.internal.SaturationFacts;

import java.time.Instant;
import java.util.List;

/**
 * A pool-exhaustion episode opened: threads waited while every connection was busy for longer
 * than the threshold, or an acquisition timed out. Published once per episode, when it opens;
 * {@link PoolExhaustionEnded} follows when the pool has been quiet for the quiet period.
 *
 * <p>The snapshot names the longest holders (route, thread, held for, acquisition stack when
 * enabled, and what the holding thread was doing at that moment) and the waiting routes: those
 * whose waits already ended (HikariCP reports a wait when it gets its connection or times out)
 * and, when the application reaches the pool through perfmon's
 * {@link dev.perfmon.jdbc.PerfMonDataSource}, those of the threads still waiting at that moment,
 * with how many wait per route and how long the longest has waited so far
 * ({@link WaitingRoute#waitingNow()}). Without the decorator, threads still waiting are only
 * counted in {@code snapshot.waiting()}; their routes appear in
 * {@link PoolExhaustionEnded#waitingRoutes()} once their waits end.
 *
 * <p>As a {@link PoolSaturation} it opens an episode and exposes the snapshot's counts, holders
 * and waiting routes as data, which the report reads instead of the {@link #summary()}.
 *
 * @param pool the pool name
 * @param trigger what opened the episode
 * @param snapshot the pool's state when it opened
 * @param timestamp when it opened
 */
public record PoolExhausted(String pool, ExhaustionTrigger trigger, PoolSnapshot snapshot, Instant timestamp)
        implements PoolSaturation {

    /** The {@link #kind()} of every pool-exhaustion event. */
    public static final String KIND = "pool.exhausted";

    /** The counter of exhaustion episodes opened, incremented once per event: the report's windowed counts read it. */
    public static final String METER = "perfmon.pool.exhaustion";

    public PoolExhausted {
        Require.nonNull("pool, trigger, snapshot, timestamp", pool, trigger, snapshot, timestamp);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** @return the route with the most waits so far (finished or in progress), or {@code none} when no waiter is known */
    @Override
    public String route() {
        return snapshot.waitingRoutes().isEmpty() ? "none" : snapshot.waitingRoutes().get(0).route();
    }

    /** @return {@link Severity#CRITICAL} when requests already failed with a timeout, otherwise WARNING */
    @Override
    public Severity severity() {
        return trigger == ExhaustionTrigger.TIMEOUT ? Severity.CRITICAL : Severity.WARNING;
    }

    /** @return true: this event opens the episode */
    @Override
    public boolean opensEpisode() {
        return true;
    }

    @Override
    public int maxConnections() {
        return snapshot.maxConnections();
    }

    @Override
    public int active() {
        return snapshot.active();
    }

    @Override
    public int idle() {
        return snapshot.idle();
    }

    @Override
    public int waiting() {
        return snapshot.waiting();
    }

    @Override
    public int peakWaiting() {
        return snapshot.peakWaiting();
    }

    /** @return the snapshot's longest holders, longest first, one entry per connection */
    @Override
    public List<Holder> holders() {
        return SaturationFacts.holders(snapshot.longestHolders());
    }

    /**
     * @return the routes that waited so far, most waits first; a wait still in progress counts as
     *     a wait, with its time so far as its length
     */
    @Override
    public List<Waiter> waiters() {
        return SaturationFacts.waiters(snapshot.waitingRoutes());
    }

    @Override
    public String summary() {
        return "pool '" + pool + "' exhausted (" + trigger.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + "): " + snapshot.summary();
    }
}
