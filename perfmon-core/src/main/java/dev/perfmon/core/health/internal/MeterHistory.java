package dev.perfmon.core.health.internal;

import dev.perfmon.core.PerfMon;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one meter history of a {@link PerfMon}: snapshots of its registry that the health monitor,
 * the reporter and the dashboard all cut their windows from, so two sections of one report (a
 * health rule's p99 and the requests table's) read the same samples and cannot contradict each
 * other. Each reader samples on its own schedule into the shared history and widens what it keeps
 * to its own need; the history lives until its PerfMon closes.
 */
public final class MeterHistory {

    /** Samples older than this are thinned to one per {@link #COARSE_STEP}. */
    private static final long COARSE_STEP = Duration.ofSeconds(30).toNanos();
    private static final String FAILURE = "meter-history";
    private static final Map<PerfMon, MeterHistory> BY_PERFMON = new ConcurrentHashMap<>();

    private final PerfMon perfMon;
    private final MeterSampler sampler;
    private final SnapshotHistory history;

    private MeterHistory(PerfMon perfMon) {
        this.perfMon = perfMon;
        this.sampler = new MeterSampler(perfMon.registry(), perfMon.clock(), name -> true, perfMon::recordFailure);
        this.history = new SnapshotHistory(0, 2, Duration.ofMinutes(2).toNanos(), COARSE_STEP);
    }

    /** @return the history of {@code perfMon}, created on first use and dropped when it closes */
    public static MeterHistory of(PerfMon perfMon) {
        MeterHistory existing = BY_PERFMON.get(perfMon);
        if (existing != null) {
            return existing;
        }
        MeterHistory created = new MeterHistory(perfMon);
        MeterHistory raced = BY_PERFMON.putIfAbsent(perfMon, created);
        if (raced != null) {
            return raced;
        }
        perfMon.closeOnClose(() -> BY_PERFMON.remove(perfMon));
        return created;
    }

    /**
     * Keeps at least what one reader needs.
     *
     * @param retentionNanos the longest window the reader cuts
     * @param maxSamples how many samples it may need over that retention
     * @param everySampleForNanos how far back it needs every sample (older ones are thinned)
     */
    public void keep(long retentionNanos, int maxSamples, long everySampleForNanos) {
        history.widen(retentionNanos, maxSamples, everySampleForNanos);
    }

    /**
     * Samples every meter now and adds the snapshot; a sampling failure is counted under
     * {@code meter-history} and leaves the history as it was.
     *
     * @return the new snapshot, or the latest one when sampling failed
     */
    public Snapshot sample() {
        try {
            Snapshot snapshot = sampler.sample();
            history.add(snapshot);
            return snapshot;
        } catch (RuntimeException failure) {
            perfMon.recordFailure(FAILURE, failure);
            return history.latest();
        }
    }

    /** @see SnapshotHistory#window(long) */
    public @Nullable SnapshotWindow window(long lengthNanos) {
        return history.window(lengthNanos);
    }

    /** @see SnapshotHistory#sinceStart(long, long) */
    public @Nullable SnapshotWindow sinceStart(long startNanos, long startWallMillis) {
        return history.sinceStart(startNanos, startWallMillis);
    }

    /** @see SnapshotHistory#steps(long, long) */
    public java.util.List<SnapshotWindow> steps(long stepNanos, long spanNanos) {
        return history.steps(stepNanos, spanNanos);
    }

    /** @return the newest snapshot, or null */
    public Snapshot latest() {
        return history.latest();
    }
}
