package dev.perfmon.benchmarks;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A request scope opened, given three segment records and closed (publishing its breakdown),
 * against the least any scope mechanism must do: a bare ThreadLocal set and remove.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ScopeBenchmark {

    private static final ThreadLocal<Object> BARE = new ThreadLocal<>();
    private static final Segment KAFKA = Segment.of("kafka.send");

    private PerfMon perfMon;
    private final Object marker = new Object();
    private final int[] generation = new int[1];
    /** Where the handle rows keep their handle, so that it escapes as a kept handle does. */
    private Handle lastHandle;
    private Timer pool;
    private Timer query;
    private Timer kafka;

    @Setup
    public void setUp() {
        perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build())
                .build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        pool = Timer.builder("t").tag("segment", "db.pool").register(registry);
        query = Timer.builder("t").tag("segment", "db.query").register(registry);
        kafka = Timer.builder("t").tag("segment", "kafka.send").register(registry);
    }

    @TearDown
    public void tearDown() {
        perfMon.close();
    }

    @Benchmark
    public long scopeWithThreeSegments() {
        try (RequestScope scope = perfMon.openScope("GET /posts")) {
            scope.recordSegment(Segment.DB_POOL, 1_000);
            scope.recordSegment(Segment.DB_QUERY, 20_000);
            scope.recordSegment(KAFKA, 5_000);
            return scope.segmentNanos(Segment.DB_QUERY);
        }
    }

    /** Open and close alone: no segment, so nothing to publish. */
    @Benchmark
    public boolean scopeWithoutSegments() {
        try (RequestScope scope = perfMon.openScope("GET /posts")) {
            return scope.isOpen();
        }
    }

    /** The floor any publication of three segments pays: three records into cached Micrometer timers. */
    @Benchmark
    public long threeCachedTimerRecords() {
        pool.record(1_000, TimeUnit.NANOSECONDS);
        query.record(20_000, TimeUnit.NANOSECONDS);
        kafka.record(5_000, TimeUnit.NANOSECONDS);
        return query.count();
    }

    /**
     * Open and close through a fresh handle per scope over the recycled state: what separating the
     * public handle from the reused state would cost. The handle escapes (as it does when a
     * filter keeps it in its per-request object: here a field), so it is allocated.
     */
    @Benchmark
    public boolean scopeWithoutSegmentsThroughHandle() {
        try (Handle handle = Handle.of(perfMon.openScope("GET /posts"), generation)) {
            lastHandle = handle;
            return handle.isOpen();
        }
    }

    /** {@link #scopeWithThreeSegments()} through a fresh handle per scope, as above. */
    @Benchmark
    public long scopeWithThreeSegmentsThroughHandle() {
        try (Handle handle = Handle.of(perfMon.openScope("GET /posts"), generation)) {
            lastHandle = handle;
            handle.recordSegment(Segment.DB_POOL, 1_000);
            handle.recordSegment(Segment.DB_QUERY, 20_000);
            handle.recordSegment(KAFKA, 5_000);
            return handle.segmentNanos(Segment.DB_QUERY);
        }
    }

    /**
     * A public handle over recycled scope state: each call checks that the state still serves
     * the scope the handle was made for (a generation the state bumps on reuse), so a handle kept
     * past close reaches nothing of a later request.
     */
    static final class Handle implements AutoCloseable {
        private final RequestScope state;
        private final int generation;
        private final int[] current;

        private Handle(RequestScope state, int[] current) {
            this.state = state;
            this.current = current;
            this.generation = ++current[0];
        }

        /** @param generation stands for the generation field the recycled state would carry */
        static Handle of(RequestScope state, int[] generation) {
            return new Handle(state, generation);
        }

        void recordSegment(Segment segment, long nanos) {
            if (current[0] == generation) {
                state.recordSegment(segment, nanos);
            }
        }

        boolean isOpen() {
            return current[0] == generation && state.isOpen();
        }

        long segmentNanos(Segment segment) {
            return current[0] == generation ? state.segmentNanos(segment) : 0;
        }

        @Override
        public void close() {
            if (current[0] == generation) {
                state.close();
            }
        }
    }

    @Benchmark
    public Object bareThreadLocalSetRemove() {
        BARE.set(marker);
        Object value = BARE.get();
        BARE.remove();
        return value;
    }
}
