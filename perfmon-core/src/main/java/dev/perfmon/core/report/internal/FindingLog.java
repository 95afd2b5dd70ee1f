package dev.perfmon.core.report.internal;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.PerfMonListener;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.health.HealthChanged;
import dev.perfmon.core.report.Finding;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every published event in a bounded store: the latest {@code capacity} events (for
 * windows) and per kind and route totals since start (at most {@code maxKeys} pairs, beyond
 * which pairs fold into route {@code OTHER}). Pool-exhaustion events also leave their facts
 * ({@link PoolFact}) beside each kept event and in bounded totals since start
 * ({@link PoolEpisodes}), so a report's pools follow the same windows as its findings.
 * Recording is one short critical section on the publishing thread; events themselves are
 * kept, not copied.
 */
public final class FindingLog implements PerfMonListener {

    private static final String OVERFLOW_ROUTE = "OTHER";

    private final PerfMonEvent[] ring;
    /** The facts of {@code ring[i]} when it is a pool-exhaustion event, else null. */
    private final PoolFact[] poolFacts;
    private final PoolEpisodes poolsSinceStart = new PoolEpisodes();
    private final int maxKeys;
    private final Map<String, Totals> totals = new HashMap<>();
    private int next;
    private long recorded;

    public FindingLog(int capacity, int maxKeys) {
        this.ring = new PerfMonEvent[Math.max(1, capacity)];
        this.poolFacts = new PoolFact[ring.length];
        this.maxKeys = Math.max(1, maxKeys);
    }

    @Override
    public void onEvent(PerfMonEvent event) {
        String kind = String.valueOf(event.kind());
        String route = String.valueOf(event.route());
        Severity severity = event.severity() == null ? Severity.INFO : event.severity();
        Instant at = event.timestamp() == null ? Instant.EPOCH : event.timestamp();
        PoolFact fact = PoolFact.of(event);
        synchronized (this) {
            ring[next] = event;
            poolFacts[next] = fact;
            if (fact != null) {
                poolsSinceStart.add(fact);
            }
            next = (next + 1) % ring.length;
            recorded++;
            String key = key(event, kind, route);
            Totals t = totals.get(key);
            if (t == null) {
                if (totals.size() >= maxKeys) {
                    route = OVERFLOW_ROUTE;
                    key = kind + '\u0000' + route;
                    t = totals.get(key);
                }
                if (t == null) {
                    t = new Totals(kind, route);
                    totals.put(key, t);
                }
            }
            t.add(severity, at, event.summary());
        }
    }

    /** Events fold by kind and route; health changes also by rule, so each rule keeps its own line. */
    private static String key(PerfMonEvent event, String kind, String route) {
        String key = kind + '\u0000' + route;
        return event instanceof HealthChanged ? key + '\u0000' + ((HealthChanged) event).rule() : key;
    }

    /** @return findings and pool facts of events at or after {@code from}, and how many such events may be missing */
    public synchronized Result window(Instant from) {
        Map<String, Totals> folded = new LinkedHashMap<>();
        PoolEpisodes pools = new PoolEpisodes();
        long kept = Math.min(recorded, ring.length);
        Instant oldestKept = null;
        for (int i = 0; i < kept; i++) {
            int slot = Math.floorMod(next - 1 - i, ring.length);
            PerfMonEvent event = ring[slot];
            Instant at = event.timestamp() == null ? Instant.EPOCH : event.timestamp();
            oldestKept = at;
            if (at.isBefore(from)) {
                continue;
            }
            String kind = String.valueOf(event.kind());
            String route = String.valueOf(event.route());
            folded.computeIfAbsent(key(event, kind, route), k -> new Totals(kind, route))
                    .add(event.severity() == null ? Severity.INFO : event.severity(), at, event.summary());
            if (poolFacts[slot] != null) {
                pools.add(poolFacts[slot]);
            }
        }
        boolean truncated = recorded > ring.length && oldestKept != null && !oldestKept.isBefore(from);
        return new Result(sorted(folded), truncated ? recorded - ring.length : 0, pools);
    }

    /** @return findings and pool facts since start from the totals (complete counts; summaries of the last event) */
    public synchronized Result sinceStart() {
        return new Result(sorted(totals), 0, poolsSinceStart.copy());
    }

    private static List<Finding> sorted(Map<String, Totals> folded) {
        List<Finding> result = new ArrayList<>(folded.size());
        for (Totals t : folded.values()) {
            result.add(new Finding(t.kind, t.route, t.severity, t.count, t.first, t.last, t.summary));
        }
        result.sort(Comparator.comparing((Finding f) -> f.severity().ordinal()).reversed()
                .thenComparing(Comparator.comparingLong(Finding::count).reversed())
                .thenComparing(Finding::kind).thenComparing(Finding::route));
        return result;
    }

    /** Findings, the number of events that may be missing from them, and the pools' exhaustion facts. */
    public record Result(List<Finding> findings, long dropped, PoolEpisodes pools) {
    }

    private static final class Totals {
        final String kind;
        final String route;
        Severity severity = Severity.INFO;
        long count;
        /** Set by the first {@link #add}, which follows construction at once. */
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        String summary = "";

        Totals(String kind, String route) {
            this.kind = kind;
            this.route = route;
        }

        /** Keeps the newest summary whatever the visiting order (windows are folded newest first). */
        void add(Severity s, Instant at, @Nullable String text) {
            count++;
            if (s.ordinal() > severity.ordinal()) {
                severity = s;
            }
            if (at.isBefore(first)) {
                first = at;
            }
            if (at.isAfter(last)) {
                last = at;
                summary = text == null ? "" : text;
            }
        }
    }
}
