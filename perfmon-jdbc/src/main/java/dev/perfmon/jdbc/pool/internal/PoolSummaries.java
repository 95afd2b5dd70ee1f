package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.Nullable;

import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.jdbc.pool.PoolExhausted;
import io.micrometer.core.instrument.Meter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.perfmon.core.health.MetricWindow.all;
import static dev.perfmon.core.health.MetricWindow.tags;

/**
 * The report's pools over a window: HikariCP's own meters for size, peaks, timeouts and
 * acquisition time, the exhaustion counter for episodes (exact whatever the finding store
 * kept), and the exhaustion events' facts for who held the connections.
 */
final class PoolSummaries {

    static final String ACTIVE = "hikaricp.connections.active";
    static final String MAX = "hikaricp.connections.max";
    static final String PENDING = "hikaricp.connections.pending";
    static final String TIMEOUT = "hikaricp.connections.timeout";
    static final String ACQUIRE = "hikaricp.connections.acquire";

    private PoolSummaries() {
    }

    /** Pools with meters, with their episodes; then pools known only from their exhaustion events. */
    static List<PoolSummary> of(MetricWindow w, PoolEpisodes episodes) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (String meter : new String[] {MAX, ACTIVE, PENDING}) {
            for (List<String> g : w.groups(meter, all(), "pool")) {
                names.put(g.get(0), Boolean.TRUE);
            }
        }
        List<PoolSummary> pools = new ArrayList<>();
        for (String pool : names.keySet()) {
            Predicate<Meter.Id> p = tags("pool", pool);
            double acquisitions = w.increase(ACQUIRE, p);
            PoolTally tally = episodes.pool(pool);
            pools.add(new PoolSummary(pool, w.gauge(MAX, p), w.gaugeMax(ACTIVE, p), w.gaugeMax(PENDING, p),
                    Math.round(w.increase(TIMEOUT, p)),
                    acquisitions > 0 ? w.sumIncrease(ACQUIRE, p) / acquisitions * 1000 : Double.NaN,
                    episodes(w, pool, tally), tally == null ? List.of() : tally.mainHolders()));
        }
        for (PoolTally tally : episodes.pools()) {
            if (!names.containsKey(tally.pool())) {
                pools.add(new PoolSummary(tally.pool(), Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN,
                        episodes(w, tally.pool(), tally), tally.mainHolders()));
            }
        }
        return pools;
    }

    /**
     * Episodes opened in the window: the exhaustion counter's increase, never fewer than the
     * events the store still holds (an event published after the window's last sample).
     */
    static long episodes(MetricWindow w, String pool, @Nullable PoolTally tally) {
        long counted = Math.round(w.increase(PoolExhausted.METER, tags("pool", pool)));
        return Math.max(counted, tally == null ? 0 : tally.episodes());
    }

    /** @return every episode of the window: the counter's increase over all pools, or the events' when more */
    static long episodes(MetricWindow w, PoolEpisodes episodes) {
        return Math.max(Math.round(w.increase(PoolExhausted.METER, all())), episodes.episodes());
    }
}
