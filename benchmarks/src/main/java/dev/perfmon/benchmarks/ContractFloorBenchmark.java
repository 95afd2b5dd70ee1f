package dev.perfmon.benchmarks;

import dev.perfmon.servlet.HttpMetricsConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
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
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the metric contract itself costs per request, with no perfmon code around it, and what it
 * would cost if it were written differently:
 * <ul>
 *   <li>{@code scopeContract}: what a closing request scope publishes today: three
 *       {@code perfmon.request.segment} timer records and one {@code perfmon.request.statements}
 *       summary record;</li>
 *   <li>{@code scopeAccumulated}: the same facts added to per-route counters (a count and a total per
 *       segment and for statements) that {@link FunctionTimer}s and {@link FunctionCounter}s read when
 *       scraped: no max and no distribution per request;</li>
 *   <li>{@code filterContract}: what the servlet filter publishes today: start and stop the
 *       {@code http.server.requests.active} long task timer, one {@code http.server.requests} record
 *       with SLO buckets;</li>
 *   <li>{@code filterWithoutActive}: the timer record alone;</li>
 *   <li>{@code filterActiveAsGauge}: the timer record and an in-flight count (a gauge) in place of the
 *       long task timer: no duration of the longest running request.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ContractFloorBenchmark {

    private Timer pool;
    private Timer query;
    private Timer redis;
    private DistributionSummary statements;
    private final LongAdder[] counts = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder[] totals = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private LongTaskTimer active;
    private Timer requests;
    private final AtomicLong inFlight = new AtomicLong();

    @Setup
    public void setUp() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        pool = segment(registry, "db.pool");
        query = segment(registry, "db.query");
        redis = segment(registry, "redis");
        statements = DistributionSummary.builder("perfmon.request.statements").tags("method", "GET", "uri", "/posts")
                .register(registry);
        String[] names = {"db.pool", "db.query", "redis", "statements"};
        for (int i = 0; i < names.length; i++) {
            LongAdder total = totals[i];
            FunctionTimer.builder("accumulated." + names[i], counts[i], LongAdder::sum, c -> total.sum(),
                    TimeUnit.NANOSECONDS).register(registry);
        }
        active = LongTaskTimer.builder("http.server.requests.active").tags("method", "GET", "uri", "/posts")
                .register(registry);
        requests = Timer.builder("http.server.requests")
                .serviceLevelObjectives(HttpMetricsConfig.DEFAULT_SLO_BUCKETS.toArray(new Duration[0]))
                .tags("method", "GET", "uri", "/posts", "status", "200").register(registry);
        Gauge.builder("http.server.requests.inflight", inFlight, AtomicLong::get).register(registry);
    }

    private static Timer segment(SimpleMeterRegistry registry, String name) {
        return Timer.builder("perfmon.request.segment").tags("method", "GET", "uri", "/posts", "segment", name)
                .register(registry);
    }

    @Benchmark
    public long scopeContract() {
        pool.record(1_000, TimeUnit.NANOSECONDS);
        query.record(20_000, TimeUnit.NANOSECONDS);
        redis.record(5_000, TimeUnit.NANOSECONDS);
        statements.record(3);
        return query.count();
    }

    @Benchmark
    public long scopeAccumulated() {
        add(0, 1_000);
        add(1, 20_000);
        add(2, 5_000);
        add(3, 3);
        return 0;
    }

    private void add(int meter, long amount) {
        counts[meter].increment();
        totals[meter].add(amount);
    }

    @Benchmark
    public void filterContract() {
        LongTaskTimer.Sample sample = active.start();
        requests.record(1_234_567, TimeUnit.NANOSECONDS);
        sample.stop();
    }

    @Benchmark
    public void filterWithoutActive() {
        requests.record(1_234_567, TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void filterActiveAsGauge() {
        inFlight.incrementAndGet();
        requests.record(1_234_567, TimeUnit.NANOSECONDS);
        inFlight.decrementAndGet();
    }
}
