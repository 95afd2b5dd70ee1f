package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.core.event.PerfMonEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool-exhaustion facts of a period, per pool, from the structured
 * {@link dev.perfmon.core.event.PoolSaturation} events. An opening event of another type (a
 * {@code pool.exhausted} finding that does not implement the interface) counts as an episode
 * but names no pool and no holder. At most {@link #MAX_POOLS} pools are kept apart; facts of
 * further pools add up under {@link #OVERFLOW_POOL}. Built per report from the events the
 * report's finding store holds; not thread-safe.
 */
final class PoolEpisodes {

    static final int MAX_POOLS = 32;
    static final String OVERFLOW_POOL = "OTHER";

    private final Map<String, PoolTally> pools = new LinkedHashMap<>();
    private long unattributed;

    void add(PoolFact fact) {
        if (fact.pool() == null) {
            unattributed += fact.opens() ? 1 : 0;
            return;
        }
        String name = pools.containsKey(fact.pool()) || pools.size() < MAX_POOLS ? fact.pool() : OVERFLOW_POOL;
        pools.computeIfAbsent(name, PoolTally::new).add(fact);
    }

    /** @return the facts of the events among {@code events} that are about pool exhaustion */
    static PoolEpisodes of(List<PerfMonEvent> events) {
        PoolEpisodes episodes = new PoolEpisodes();
        for (PerfMonEvent event : events) {
            PoolFact fact = PoolFact.of(event);
            if (fact != null) {
                episodes.add(fact);
            }
        }
        return episodes;
    }

    /** @return every episode that opened in the period, with or without structured facts */
    long episodes() {
        long n = unattributed;
        for (PoolTally t : pools.values()) {
            n += t.episodes();
        }
        return n;
    }

    /** @return the facts of one pool, or null when no event named it */
    PoolTally pool(String name) {
        return pools.get(name);
    }

    /** @return the facts of every pool an event named, in order of first appearance */
    List<PoolTally> pools() {
        return new ArrayList<>(pools.values());
    }
}
