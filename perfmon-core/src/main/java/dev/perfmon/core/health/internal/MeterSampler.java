package dev.perfmon.core.health.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Reads the meters of interest into {@link Snapshot}s whose counts only grow, so a window is
 * the difference of two snapshots, as PromQL {@code increase} over the same interval.
 *
 * <p>Two registry behaviours are absorbed here. A counter that goes down was reset (the meter
 * was removed and registered again): like Prometheus, the new value counts as the increase.
 * Histogram buckets of most registries other than Prometheus' decay (Micrometer's time-window
 * histogram rotates every {@code expiry / bufferLength}, 40 s by default, and forgets what is
 * older than the expiry). Until a bucket is first seen going down the per-bucket differences
 * are taken as exact. Once a histogram is known to decay, an interval whose finite buckets grew
 * by less than its count (which is always exact) may hide a rotation, so its new observations
 * are spread over the buckets in the shape of the current window, with the share above the last
 * bound taken from history. Such intervals are counted in {@link SeriesValue#estimatedIntervals()}
 * so that reports can say their quantiles are estimates. Sampling must be more frequent than the
 * expiry (the reporter samples every 5 s). Prometheus registries keep cumulative buckets, so
 * there every number is exact.
 */
public final class MeterSampler {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Predicate<String> names;
    private final BiConsumer<String, Throwable> failures;
    private Map<Meter.Id, Tracker> trackers = new HashMap<>();

    /**
     * @param names which meter names to sample
     * @param failures where a meter that fails to read is reported (it is skipped)
     */
    public MeterSampler(MeterRegistry registry, Clock clock, Predicate<String> names,
                        BiConsumer<String, Throwable> failures) {
        this.registry = registry;
        this.clock = clock;
        this.names = names;
        this.failures = failures;
    }

    /** @return the current values of every sampled meter */
    public synchronized Snapshot sample() {
        long mono = clock.monotonicTime();
        long wall = clock.wallTime();
        Map<Meter.Id, SeriesValue> values = new HashMap<>();
        Map<Meter.Id, Tracker> seen = new HashMap<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (!names.test(id.getName())) {
                continue;
            }
            try {
                Tracker tracker = trackers.get(id);
                if (tracker == null) {
                    tracker = new Tracker();
                }
                SeriesValue value = read(meter, tracker);
                if (value != null) {
                    values.put(id, value);
                    seen.put(id, tracker);
                }
            } catch (RuntimeException failure) {
                failures.accept("sampler", failure);
            }
        }
        trackers = seen;
        return new Snapshot(mono, wall, values);
    }

    private static @Nullable SeriesValue read(Meter meter, Tracker tracker) {
        if (meter instanceof Counter) {
            return tracker.counter(((Counter) meter).count());
        }
        if (meter instanceof FunctionCounter) {
            return tracker.counter(((FunctionCounter) meter).count());
        }
        if (meter instanceof Timer) {
            HistogramSnapshot s = ((Timer) meter).takeSnapshot();
            return tracker.distribution(s.count(), s.total(TimeUnit.SECONDS), s.max(TimeUnit.SECONDS),
                    s.histogramCounts(), true);
        }
        if (meter instanceof DistributionSummary) {
            HistogramSnapshot s = ((DistributionSummary) meter).takeSnapshot();
            return tracker.distribution(s.count(), s.total(), s.max(), s.histogramCounts(), false);
        }
        if (meter instanceof FunctionTimer) {
            FunctionTimer t = (FunctionTimer) meter;
            return tracker.distribution((long) t.count(), t.totalTime(TimeUnit.SECONDS), Double.NaN,
                    new CountAtBucket[0], true);
        }
        if (meter instanceof TimeGauge) {
            return SeriesValue.gauge(finite(((TimeGauge) meter).value(TimeUnit.SECONDS)));
        }
        if (meter instanceof Gauge) {
            return SeriesValue.gauge(finite(((Gauge) meter).value()));
        }
        return null;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** Turns one meter's raw readings into never-decreasing accumulated values. */
    private static final class Tracker {
        private boolean started;
        private double rawCount;
        private double rawTotal;
        private double[] rawBuckets = SeriesValue.NO_BUCKETS;
        private double[] bounds = SeriesValue.NO_BUCKETS;
        private double count;
        private double total;
        private double[] buckets = SeriesValue.NO_BUCKETS;
        private long estimated;
        private boolean decaying;
        private @Nullable SeriesValue last;

        SeriesValue counter(double raw) {
            double value = Double.isFinite(raw) ? raw : 0;
            SeriesValue previous = last;
            if (started && previous != null && value == rawCount) {
                return previous;
            }
            if (!started) {
                count = value;
            } else {
                count += value < rawCount ? value : value - rawCount;
            }
            started = true;
            rawCount = value;
            last = SeriesValue.counter(count);
            return last;
        }

        SeriesValue distribution(long rawN, double rawT, double max, CountAtBucket[] histogram, boolean seconds) {
            double[] newBounds = boundsOf(histogram, seconds);
            double[] raw = countsOf(histogram, newBounds.length);
            double n = rawN;
            double t = Double.isFinite(rawT) ? rawT : 0;
            double m = Double.isFinite(max) ? max : Double.NaN;
            SeriesValue previous = last;
            if (started && previous != null && n == rawCount && t == rawTotal && Arrays.equals(raw, rawBuckets)
                    && Arrays.equals(newBounds, bounds) && Double.compare(m, previous.max) == 0) {
                return previous; // idle series: share the previous value between snapshots
            }
            if (!started || !Arrays.equals(newBounds, bounds)) {
                boolean first = !started;
                if (first) {
                    count = n;
                    total = t;
                } else {
                    double dn = n < rawCount ? n : n - rawCount;
                    count += dn;
                    total += n < rawCount ? t : Math.max(0, t - rawTotal);
                }
                bounds = newBounds;
                buckets = raw.clone();
            } else if (n < rawCount) {
                count += n;
                total += t;
                for (int i = 0; i < buckets.length; i++) {
                    buckets[i] += Math.min(raw[i], n);
                }
            } else {
                double dn = n - rawCount;
                count += dn;
                total += Math.max(0, t - rawTotal);
                addBucketDeltas(raw, dn);
            }
            started = true;
            rawCount = n;
            rawTotal = t;
            rawBuckets = raw;
            // The kept buckets stay exact; only the published copy is held to the count, so a
            // snapshot whose buckets ran ahead of its count never reads as records past the last bound.
            double[] published = buckets.clone();
            clip(published, count);
            last = new SeriesValue(SeriesValue.Type.DISTRIBUTION, count, total, m, Double.NaN, bounds,
                    published, estimated);
            return last;
        }

        private void addBucketDeltas(double[] raw, double dn) {
            boolean decreased = false;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] < rawBuckets[i]) {
                    decreased = true;
                    break;
                }
            }
            decaying |= decreased;
            // Once a histogram is known to decay, a rotation can hide behind growth: records lost
            // from the window offset by new ones. The finite buckets grew by less than the count
            // exactly when records were lost or went past the last bound; estimate then.
            double growth = raw.length == 0 ? 0 : raw[raw.length - 1] - rawBuckets[raw.length - 1];
            // Records a torn snapshot already put in the buckets before the count: the count's
            // growth this interval includes them, the buckets' does not.
            double lead = raw.length == 0 ? 0 : Math.max(0, buckets[buckets.length - 1] - (count - dn));
            boolean rotated = decreased || (decaying && growth + lead < dn);
            if (!rotated) {
                // Cumulative buckets: the differences are exact. They are not capped at the count's
                // growth: Micrometer records a histogram before its count and a snapshot reads the
                // count first, so buckets can run ahead of the count in one snapshot and the count
                // catches up in the next; a cap would lose those records from the buckets for good.
                for (int i = 0; i < raw.length; i++) {
                    buckets[i] += raw[i] - rawBuckets[i];
                }
                return;
            }
            estimated++;
            dn = Math.max(0, dn - lead);
            double[] delta = new double[raw.length];
            double ring = raw.length == 0 ? 0 : raw[raw.length - 1];
            for (int i = 0; i < raw.length; i++) {
                if (ring > 0) {
                    // Shape of the fresh window; the share above the last bound is taken from history.
                    double finiteShare = count - dn > 0 ? Math.min(1, buckets[buckets.length - 1] / (count - dn)) : 1;
                    delta[i] = dn * finiteShare * raw[i] / ring;
                } else {
                    delta[i] = count - dn > 0 ? dn * buckets[i] / (count - dn) : 0;
                }
            }
            double floor = 0;
            for (int i = 0; i < delta.length; i++) {
                floor = Math.max(floor, Math.max(0, delta[i]));
                buckets[i] += Math.min(floor, dn);
            }
        }

        private static void clip(double[] values, double max) {
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.min(values[i], max);
            }
        }

        private static double[] boundsOf(CountAtBucket[] histogram, boolean seconds) {
            int finite = 0;
            for (CountAtBucket bucket : histogram) {
                if (Double.isFinite(bucket.bucket())) {
                    finite++;
                }
            }
            double[] result = new double[finite];
            int i = 0;
            for (CountAtBucket bucket : histogram) {
                if (Double.isFinite(bucket.bucket())) {
                    result[i++] = seconds ? bucket.bucket(TimeUnit.SECONDS) : bucket.bucket();
                }
            }
            return result;
        }

        private static double[] countsOf(CountAtBucket[] histogram, int finite) {
            double[] result = new double[finite];
            int i = 0;
            for (CountAtBucket bucket : histogram) {
                if (Double.isFinite(bucket.bucket())) {
                    result[i++] = bucket.count();
                }
            }
            return result;
        }
    }
}
