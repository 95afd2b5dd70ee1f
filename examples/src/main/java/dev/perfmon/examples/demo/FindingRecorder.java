package dev.perfmon.examples.demo;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.PerfMonListener;
import dev.perfmon.jdbc.pool.ConnectionHolder;
import dev.perfmon.jdbc.pool.PoolExhausted;
import dev.perfmon.jdbc.pool.PoolSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the kind, route, time and summary of every finding of a load run (bounded), so the
 * demo can say in which phase each one happened, and who held the connections when the pool
 * ran dry.
 */
final class FindingRecorder implements PerfMonListener {

    /**
     * One finding as it happened.
     *
     * @param kind the event kind
     * @param route the event route
     * @param at when
     * @param summary its line
     * @param detail for a pool exhaustion: busy and waiting counts and the routes of the longest
     *     holders, such as {@code 20/20 busy, 37 waiting; the 5 longest holders: /reports/slow x5};
     *     empty otherwise
     */
    record Seen(String kind, String route, Instant at, String summary, String detail) {
    }

    private static final int LIMIT = 20_000;

    private final List<Seen> seen = new ArrayList<>();

    @Override
    public synchronized void onEvent(PerfMonEvent event) {
        if (seen.size() >= LIMIT) {
            return;
        }
        String detail = "";
        if (event instanceof PoolExhausted exhausted) {
            PoolSnapshot snapshot = exhausted.snapshot();
            Map<String, Integer> holders = new LinkedHashMap<>();
            for (ConnectionHolder holder : snapshot.longestHolders()) {
                holders.merge(holder.route(), 1, Integer::sum);
            }
            StringBuilder b = new StringBuilder().append(snapshot.active()).append('/').append(snapshot.maxConnections())
                    .append(" busy, ").append(snapshot.waiting()).append(" waiting; the ")
                    .append(snapshot.longestHolders().size()).append(" longest holders: ");
            holders.forEach((route, n) -> b.append(route).append(" x").append(n).append(", "));
            b.setLength(b.length() - 2);
            detail = b.toString();
        }
        seen.add(new Seen(event.kind(), event.route(), event.timestamp(), event.summary(), detail));
    }

    synchronized List<Seen> all() {
        return List.copyOf(seen);
    }
}
