package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.core.event.PoolSaturation;
import dev.perfmon.core.report.PoolHolder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pool's exhaustion facts over a period: episodes opened, the most connections busy and
 * threads waiting the events saw, and hold time per holding route. At most {@link #MAX_ROUTES}
 * routes are kept apart; holds of further routes add up under {@link #OVERFLOW_ROUTE}. Not
 * thread-safe.
 */
final class PoolTally {

    static final int MAX_ROUTES = 100;
    static final String OVERFLOW_ROUTE = "OTHER";
    private static final int MAIN_HOLDERS = 3;

    private final String pool;
    private final Map<String, Double> heldSeconds;
    private long episodes;
    private int busy = PoolSaturation.UNKNOWN;
    private int max = PoolSaturation.UNKNOWN;
    private int peakWaiting = PoolSaturation.UNKNOWN;

    PoolTally(String pool) {
        this.pool = pool;
        this.heldSeconds = new HashMap<>();
    }

    void add(PoolFact fact) {
        if (fact.opens()) {
            episodes++;
        }
        busy = Math.max(busy, fact.active());
        max = Math.max(max, fact.maxConnections());
        peakWaiting = Math.max(peakWaiting, fact.peakWaiting());
        for (PoolSaturation.Holder h : fact.holders()) {
            // Work outside a request scope names no route anyone could shorten.
            if (h.route().equals("none")) {
                continue;
            }
            String route = heldSeconds.containsKey(h.route()) || heldSeconds.size() < MAX_ROUTES ? h.route()
                    : OVERFLOW_ROUTE;
            heldSeconds.merge(route, Math.max(0, h.heldFor().toNanos()) / 1e9, Double::sum);
        }
    }

    String pool() {
        return pool;
    }

    /** @return episodes that opened in the period */
    long episodes() {
        return episodes;
    }

    /** @return the most connections the events saw in use, {@link PoolSaturation#UNKNOWN} if none said */
    int busy() {
        return busy;
    }

    /** @return the pool's size as the events give it, {@link PoolSaturation#UNKNOWN} if none said */
    int max() {
        return max;
    }

    /** @return the most threads the events saw waiting, {@link PoolSaturation#UNKNOWN} if none said */
    int peakWaiting() {
        return peakWaiting;
    }

    /** @return routes kept apart so far, {@link #OVERFLOW_ROUTE} included */
    int routes() {
        return heldSeconds.size();
    }

    /**
     * @return the routes that held the connections: the one with the most hold time and any
     *     others with at least half as much, at most three, most first
     */
    List<PoolHolder> mainHolders() {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(heldSeconds.entrySet());
        entries.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<PoolHolder> holders = new ArrayList<>();
        for (Map.Entry<String, Double> e : entries) {
            if (holders.size() == MAIN_HOLDERS || e.getValue() < entries.get(0).getValue() / 2) {
                break;
            }
            holders.add(new PoolHolder(e.getKey(), Math.round(e.getValue() * 1000) / 1000.0));
        }
        return holders;
    }
}
