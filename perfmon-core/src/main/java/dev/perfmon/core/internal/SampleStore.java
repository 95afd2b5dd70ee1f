package dev.perfmon.core.internal;

import dev.perfmon.core.RequestSample;
import dev.perfmon.core.TimelineEntry;
import org.jspecify.annotations.Nullable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kept request samples of one PerfMon: a queue per route, bounded per route and by an
 * estimated memory budget in total. A new sample evicts the oldest of its route when the route
 * is full, then, while the budget is exceeded, the oldest of the route holding most, so a flood
 * on one route keeps the others' samples. Only requests that qualify reach it, so a lock is fine.
 */
public final class SampleStore {

    private final int perRoute;
    private final long budgetBytes;
    private final Map<String, ArrayDeque<RequestSample>> byRoute = new HashMap<>();
    private long retainedBytes;
    private long evicted;

    public SampleStore(int perRoute, long budgetBytes) {
        this.perRoute = perRoute;
        this.budgetBytes = budgetBytes;
    }

    /** Keeps the sample, evicting what the bounds require (possibly the sample itself, if it alone exceeds the budget). */
    public synchronized void add(RequestSample sample) {
        if (sample.estimatedBytes() > budgetBytes) {
            evicted++;
            return;
        }
        ArrayDeque<RequestSample> queue = byRoute.computeIfAbsent(sample.route(), r -> new ArrayDeque<>());
        queue.addLast(sample);
        retainedBytes += sample.estimatedBytes();
        if (queue.size() > perRoute) {
            evictOldest(sample.route(), queue);
        }
        while (retainedBytes > budgetBytes) {
            String fullest = null;
            ArrayDeque<RequestSample> most = null;
            for (Map.Entry<String, ArrayDeque<RequestSample>> e : byRoute.entrySet()) {
                if (most == null || e.getValue().size() > most.size()) {
                    fullest = e.getKey();
                    most = e.getValue();
                }
            }
            if (fullest == null || most == null) {
                break; // nothing left to evict
            }
            evictOldest(fullest, most);
        }
    }

    private void evictOldest(String route, ArrayDeque<RequestSample> queue) {
        RequestSample oldest = queue.removeFirst();
        retainedBytes -= oldest.estimatedBytes();
        evicted++;
        if (queue.isEmpty()) {
            byRoute.remove(route);
        }
    }

    /** @return every kept sample, oldest first */
    public synchronized List<RequestSample> samples() {
        List<RequestSample> all = new ArrayList<>();
        for (ArrayDeque<RequestSample> queue : byRoute.values()) {
            all.addAll(queue);
        }
        all.sort(Comparator.comparingLong(RequestSample::startEpochMillis));
        return all;
    }

    public synchronized long retainedBytes() {
        return retainedBytes;
    }

    public synchronized long evicted() {
        return evicted;
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /**
     * A deterministic estimate of a sample's heap footprint: object headers and fields, the
     * lists, each timeline entry, and every string counted as if it were the sample's own
     * (fingerprints are shared in fact, so this errs high).
     */
    public static long estimate(String route, @Nullable String exception, @Nullable String threadName,
                                @Nullable String traceId,
                                List<TimelineEntry> timeline, List<String> findings) {
        long bytes = 96 + 56 + 56; // the sample, its two lists
        bytes += chars(route) + chars(exception) + chars(threadName) + chars(traceId);
        for (TimelineEntry entry : timeline) {
            bytes += 48 + chars(entry.label()); // an entry: header, two references, three longs
        }
        for (String finding : findings) {
            bytes += chars(finding);
        }
        return bytes;
    }

    private static long chars(@Nullable String s) {
        return s == null ? 0 : 40 + 2L * s.length();
    }
}
