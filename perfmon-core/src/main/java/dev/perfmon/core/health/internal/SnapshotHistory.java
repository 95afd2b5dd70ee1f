package dev.perfmon.core.health.internal;

import org.jspecify.annotations.Nullable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Recent snapshots, oldest first, kept for a retention period (and at most a fixed number),
 * from which windows ending at the latest sample are cut.
 */
public final class SnapshotHistory {

    private long retentionNanos;
    private int maxSamples;
    private long fineSpanNanos;
    private final long coarseStepNanos;
    private final ArrayDeque<Snapshot> samples = new ArrayDeque<>();

    /** Keeps every sample for the whole retention. */
    public SnapshotHistory(long retentionNanos, int maxSamples) {
        this(retentionNanos, maxSamples, Long.MAX_VALUE, 0);
    }

    /**
     * Keeps every sample of the last {@code fineSpanNanos}, and older ones at least
     * {@code coarseStepNanos} apart, so long retentions stay small.
     */
    public SnapshotHistory(long retentionNanos, int maxSamples, long fineSpanNanos, long coarseStepNanos) {
        this.retentionNanos = retentionNanos;
        this.maxSamples = Math.max(2, maxSamples);
        this.fineSpanNanos = fineSpanNanos;
        this.coarseStepNanos = coarseStepNanos;
    }

    /**
     * Widens what is kept to serve one more reader: the longest retention, the longest span of
     * every sample and the largest sample count asked for win; nothing already kept is lost.
     */
    public synchronized void widen(long retentionNanos, int maxSamples, long fineSpanNanos) {
        this.retentionNanos = Math.max(this.retentionNanos, retentionNanos);
        this.maxSamples = Math.max(this.maxSamples, maxSamples);
        this.fineSpanNanos = Math.max(this.fineSpanNanos, fineSpanNanos);
    }

    public synchronized void add(Snapshot snapshot) {
        samples.addLast(snapshot);
        thin(snapshot.monotonicNanos());
        // Keep one sample older than the retention so that a full-length window has a baseline.
        while (samples.size() > 2) {
            Iterator<Snapshot> it = samples.iterator();
            it.next();
            Snapshot second = it.next();
            if (snapshot.monotonicNanos() - second.monotonicNanos() >= retentionNanos || samples.size() > maxSamples) {
                samples.removeFirst();
            } else {
                break;
            }
        }
    }

    private void thin(long now) {
        if (coarseStepNanos <= 0 || samples.size() < 3) {
            return;
        }
        Iterator<Snapshot> it = samples.iterator();
        Snapshot kept = it.next();
        while (it.hasNext()) {
            Snapshot s = it.next();
            if (now - s.monotonicNanos() < fineSpanNanos || !it.hasNext()) {
                break;
            }
            if (s.monotonicNanos() - kept.monotonicNanos() < coarseStepNanos) {
                it.remove();
            } else {
                kept = s;
            }
        }
    }

    /** @return the newest sample, or null */
    public synchronized Snapshot latest() {
        return samples.peekLast();
    }

    /** @return the oldest kept sample, or null */
    public synchronized Snapshot oldest() {
        return samples.peekFirst();
    }

    /**
     * @return a window ending at the latest sample whose baseline is the newest sample at least
     *     {@code lengthNanos} older (the oldest kept sample if none is that old); null with fewer than two samples
     */
    public synchronized @Nullable SnapshotWindow window(long lengthNanos) {
        if (samples.size() < 2) {
            return null;
        }
        Snapshot latest = samples.peekLast();
        List<Snapshot> all = new ArrayList<>(samples);
        int base = 0;
        for (int i = all.size() - 2; i >= 0; i--) {
            if (latest.monotonicNanos() - all.get(i).monotonicNanos() >= lengthNanos) {
                base = i;
                break;
            }
        }
        return new SnapshotWindow(all.get(base), all.subList(base + 1, all.size()));
    }

    /** @return a window from an empty baseline at {@code startNanos} to the latest sample, over every kept sample */
    public synchronized @Nullable SnapshotWindow sinceStart(long startNanos, long startWallMillis) {
        if (samples.isEmpty()) {
            return null;
        }
        return new SnapshotWindow(Snapshot.empty(startNanos, startWallMillis), new ArrayList<>(samples));
    }

    /**
     * Cuts the kept samples into consecutive windows ending in the last {@code spanNanos}, each
     * from one sample to the first that is at least {@code stepNanos} later: the chart history of a page
     * opened now. Where sampling stopped (or samples were thinned) a window is longer than a step.
     *
     * @return the windows, oldest first
     */
    public synchronized List<SnapshotWindow> steps(long stepNanos, long spanNanos) {
        List<SnapshotWindow> out = new ArrayList<>();
        Snapshot latest = samples.peekLast();
        if (latest == null) {
            return out;
        }
        Snapshot base = null;
        for (Snapshot s : samples) {
            if (latest.monotonicNanos() - s.monotonicNanos() > spanNanos) {
                base = s; // the newest sample before the span is the baseline of the first window ending in it
                continue;
            }
            if (base == null) {
                base = s;
            } else if (s.monotonicNanos() - base.monotonicNanos() >= stepNanos) {
                out.add(new SnapshotWindow(base, List.of(s)));
                base = s;
            }
        }
        return out;
    }

    public synchronized int size() {
        return samples.size();
    }
}
