package dev.perfmon.core.health.internal;

import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.Map;

/** The values of the sampled meters at one instant; immutable once built. */
public final class Snapshot {

    private final long monotonicNanos;
    private final long wallMillis;
    private final Map<Meter.Id, SeriesValue> values;

    public Snapshot(long monotonicNanos, long wallMillis, Map<Meter.Id, SeriesValue> values) {
        this.monotonicNanos = monotonicNanos;
        this.wallMillis = wallMillis;
        this.values = Collections.unmodifiableMap(values);
    }

    /** @return an empty snapshot: the baseline of a window "since the meters were created" */
    public static Snapshot empty(long monotonicNanos, long wallMillis) {
        return new Snapshot(monotonicNanos, wallMillis, Map.of());
    }

    public long monotonicNanos() {
        return monotonicNanos;
    }

    public long wallMillis() {
        return wallMillis;
    }

    public Map<Meter.Id, SeriesValue> values() {
        return values;
    }

    public @Nullable SeriesValue get(Meter.Id id) {
        return values.get(id);
    }
}
