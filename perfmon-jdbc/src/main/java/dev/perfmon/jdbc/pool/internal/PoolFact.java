package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.PoolSaturation;
import dev.perfmon.jdbc.pool.PoolExhausted;

import java.util.List;

/**
 * What the report keeps of one pool-exhaustion event: the facts a {@link PoolSaturation}
 * carries, or, for an event of another type whose kind says an episode opened, only that (no
 * pool, no holders). Taken once when the event arrives, so reports never call back into events.
 *
 * @param pool the pool, null for an event without structured facts
 * @param peakWaiting the larger of the event's waiting and peak waiting
 */
record PoolFact(String pool, boolean opens, int maxConnections, int active, int peakWaiting,
                List<PoolSaturation.Holder> holders) {

    private static final PoolFact UNSTRUCTURED_OPENING =
            new PoolFact(null, true, PoolSaturation.UNKNOWN, PoolSaturation.UNKNOWN, PoolSaturation.UNKNOWN, List.of());

    /** @return the event's facts, or null when it is no pool-exhaustion event */
    static PoolFact of(PerfMonEvent event) {
        if (event instanceof PoolSaturation s) {
            return new PoolFact(String.valueOf(s.pool()), s.opensEpisode(), s.maxConnections(), s.active(),
                    Math.max(s.waiting(), s.peakWaiting()), List.copyOf(s.holders()));
        }
        String kind = event.kind();
        return PoolExhausted.KIND.equals(kind) ? UNSTRUCTURED_OPENING : null;
    }
}
