package dev.perfmon.core.health.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampler turns raw histogram snapshots into counts that only grow. Micrometer records a
 * timer's histogram before its count, and a snapshot reads the count first, so under load one
 * snapshot can show buckets ahead of its count; the count catches up in the next. Those records
 * must neither vanish from the buckets nor show up as requests slower than the last bound.
 */
class MeterSamplerTest {

    private static final double[] BOUNDS_SECONDS = {0.1, 0.4, 30};

    @Test
    void bucketsThatRunAheadOfTheCountAreNeitherLostNorReadAsRecordsPastTheLastBound() {
        ScriptedRegistry registry = new ScriptedRegistry();
        registry.script.add(snapshot(10, 5, 9, 10));
        registry.script.add(snapshot(20, 10, 19, 21)); // torn: one record in the buckets, not yet in the count
        registry.script.add(snapshot(21, 10, 19, 21)); // the count caught up
        Timer timer = Timer.builder("http.server.requests").register(registry);
        MeterSampler sampler = new MeterSampler(registry, Clock.SYSTEM, name -> true, (c, f) -> {
            throw new AssertionError(f);
        });

        SeriesValue first = sampler.sample().get(timer.getId());
        SeriesValue torn = sampler.sample().get(timer.getId());
        SeriesValue caughtUp = sampler.sample().get(timer.getId());

        assertThat(first.cumulative()).containsExactly(5, 9, 10);
        assertThat(torn.count()).isEqualTo(20);
        assertThat(torn.cumulative()).as("held to the count while torn").containsExactly(10, 19, 20);
        assertThat(caughtUp.count()).isEqualTo(21);
        assertThat(caughtUp.cumulative()).as("nothing past 30 s").containsExactly(10, 19, 21);
        assertThat(caughtUp.estimatedIntervals()).isZero();
    }

    @Test
    void aFirstSnapshotWhoseBucketsRunAheadIsCaughtUpExactly() {
        ScriptedRegistry registry = new ScriptedRegistry();
        registry.script.add(snapshot(3, 2, 3, 4));
        registry.script.add(snapshot(4, 2, 3, 4));
        Timer timer = Timer.builder("http.server.requests").register(registry);
        MeterSampler sampler = new MeterSampler(registry, Clock.SYSTEM, name -> true, (c, f) -> {
            throw new AssertionError(f);
        });

        assertThat(sampler.sample().get(timer.getId()).cumulative()).containsExactly(2, 3, 3);
        SeriesValue next = sampler.sample().get(timer.getId());
        assertThat(next.count()).isEqualTo(4);
        assertThat(next.cumulative()).containsExactly(2, 3, 4);
    }

    @Test
    void onADecayingHistogramTheCountCatchingUpAfterATornSnapshotIsNotMistakenForARotation() {
        ScriptedRegistry registry = new ScriptedRegistry();
        registry.script.add(snapshot(10, 5, 9, 10));
        registry.script.add(snapshot(10, 4, 8, 9));    // a bucket went down: this histogram decays
        registry.script.add(snapshot(20, 9, 18, 20));  // torn: eleven new records in the buckets, ten in the count
        registry.script.add(snapshot(21, 9, 18, 20));  // the count caught up
        Timer timer = Timer.builder("http.server.requests").register(registry);
        MeterSampler sampler = new MeterSampler(registry, Clock.SYSTEM, name -> true, (c, f) -> {
            throw new AssertionError(f);
        });

        sampler.sample();
        assertThat(sampler.sample().get(timer.getId()).estimatedIntervals()).isEqualTo(1);
        sampler.sample();
        SeriesValue caughtUp = sampler.sample().get(timer.getId());

        assertThat(caughtUp.count()).isEqualTo(21);
        assertThat(caughtUp.cumulative()[2]).as("nothing past the last bound").isEqualTo(21);
        assertThat(caughtUp.estimatedIntervals()).as("only the real rotation was estimated").isEqualTo(1);
    }

    private static HistogramSnapshot snapshot(long count, double... cumulative) {
        CountAtBucket[] buckets = new CountAtBucket[cumulative.length];
        for (int i = 0; i < cumulative.length; i++) {
            buckets[i] = new CountAtBucket((double) TimeUnit.MILLISECONDS.toNanos((long) (BOUNDS_SECONDS[i] * 1000)),
                    cumulative[i]);
        }
        return new HistogramSnapshot(count, count * 1e8, 1e9, new ValueAtPercentile[0], buckets, null);
    }

    /** A registry whose timers replay scripted snapshots, one per read. */
    private static final class ScriptedRegistry extends SimpleMeterRegistry {
        final Deque<HistogramSnapshot> script = new ArrayDeque<>();

        @Override
        protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
            return new ScriptedTimer(id, script);
        }
    }

    private record ScriptedTimer(Meter.Id id, Deque<HistogramSnapshot> script) implements Timer {

        @Override
        public HistogramSnapshot takeSnapshot() {
            return script.size() > 1 ? script.poll() : script.peek();
        }

        @Override
        public Meter.Id getId() {
            return id;
        }

        @Override
        public void record(long amount, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T record(Supplier<T> f) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T recordCallable(Callable<T> f) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void record(Runnable f) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            return takeSnapshot().count();
        }

        @Override
        public double totalTime(TimeUnit unit) {
            return 0;
        }

        @Override
        public double max(TimeUnit unit) {
            return 0;
        }

        @Override
        public TimeUnit baseTimeUnit() {
            return TimeUnit.SECONDS;
        }
    }
}
