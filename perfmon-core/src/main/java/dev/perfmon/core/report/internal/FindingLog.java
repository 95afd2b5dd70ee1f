package dev.perfmon.core.report.internal;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.PerfMonListener;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.health.HealthChanged;
import dev.perfmon.core.report.Finding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every published event in a bounded store: the latest {@code capacity} events (for
 * windows, and for the facts diagnoses read from events) and per kind and route totals since
 * start (at most {@code maxKeys} pairs, beyond which pairs fold into route {@code OTHER}).
 * Kinds a module counts with a counter get exact windowed counts from it instead
 * ({@link FindingCounts}). Recording is one short critical section on the publishing thread;
 * events themselves are kept, not copied.
 */
public final class FindingLog implements PerfMonListener {

    private static final String OVERFLOW_ROUTE = "OTHER";

    private final PerfMonEvent[] ring;
    private final int maxKeys;
    private final Map<String, Totals> totals = new HashMap<>();
    private int next;
    private long recorded;

    public FindingLog(int capacity, int maxKeys) {
        this.ring = new PerfMonEvent[Math.max(1, capacity)];
        this.maxKeys = Math.max(1, maxKeys);
    }

    @Override
    public void onEvent(PerfMonEvent event) {
        String kind = String.valueOf(event.kind());
        String route = String.valueOf(event.route());
        Severity severity = event.severity() == null ? Severity.INFO : event.severity();
        Instant at = event.timestamp() == null ? Instant.EPOCH : event.timestamp();
        synchronized (this) {
            ring[next] = event;
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

    /** @return the capacity of the store: how many events a window can hold */
    public int capacity() {
        return ring.length;
    }

    /** @return findings and events at or after {@code from}, and how many such events may be missing */
    public synchronized Result window(Instant from) {
        Map<String, Totals> folded = new LinkedHashMap<>();
        List<PerfMonEvent> events = new ArrayList<>();
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
            events.add(event);
        }
        boolean truncated = recorded > ring.length && oldestKept != null && !oldestKept.isBefore(from);
        Collections.reverse(events);
        return new Result(sorted(folded), truncated ? recorded - ring.length : 0, events);
    }

    /** @return findings since start from the totals (complete counts; summaries of the last event) and the kept events */
    public synchronized Result sinceStart() {
        List<PerfMonEvent> events = new ArrayList<>();
        long kept = Math.min(recorded, ring.length);
        for (long i = kept - 1; i >= 0; i--) {
            events.add(ring[(int) Math.floorMod(next - 1 - i, (long) ring.length)]);
        }
        return new Result(sorted(totals), 0, events);
    }

    static List<Finding> sorted(Map<String, Totals> folded) {
        List<Finding> result = new ArrayList<>(folded.size());
        for (Totals t : folded.values()) {
            result.add(new Finding(t.kind, t.route, t.severity, t.count, t.first, t.last, t.summary));
        }
        order(result);
        return result;
    }

    /** Sorts findings most severe first, then most frequent, then by kind and route. */
    static void order(List<Finding> findings) {
        findings.sort(Comparator.comparing((Finding f) -> f.severity().ordinal()).reversed()
                .thenComparing(Comparator.comparingLong(Finding::count).reversed())
                .thenComparing(Finding::kind).thenComparing(Finding::route));
    }

    /** Findings, the number of events that may be missing from them, and the kept events of the period, oldest first. */
    public record Result(List<Finding> findings, long dropped, List<PerfMonEvent> events) {

        /** No findings and no events: for reports that leave findings out. */
        public static final Result NONE = new Result(List.of(), 0, List.of());
    }

    private static final class Totals {
        final String kind;
        final String route;
        Severity severity = Severity.INFO;
        long count;
        Instant first;
        Instant last;
        String summary = "";

        Totals(String kind, String route) {
            this.kind = kind;
            this.route = route;
        }

        /** Keeps the newest summary whatever the visiting order (windows are folded newest first). */
        void add(Severity s, Instant at, String text) {
            count++;
            if (s.ordinal() > severity.ordinal()) {
                severity = s;
            }
            if (first == null || at.isBefore(first)) {
                first = at;
            }
            if (last == null || at.isAfter(last)) {
                last = at;
                summary = text == null ? "" : text;
            }
        }
    }
}
