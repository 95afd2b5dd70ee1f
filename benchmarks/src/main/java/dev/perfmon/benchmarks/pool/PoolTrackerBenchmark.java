package dev.perfmon.benchmarks.pool;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.PoolStats;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The tracker callbacks of one borrow/return cycle alone (what HikariCP calls:
 * {@code recordConnectionAcquiredNanos} then {@code recordConnectionUsageMillis}), without the
 * pool and the driver around them: perfmon's tracker against HikariCP's Micrometer tracker it
 * delegates to. Isolates the cost perfmon adds per cycle from the noise of the full cycle.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PoolTrackerBenchmark {

    private PerfMon perfMon;
    private IMetricsTracker micrometer;
    private IMetricsTracker perfmon;
    private RequestScope scope;

    @Setup(Level.Trial)
    public void setUp() {
        micrometer = new MicrometerMetricsTrackerFactory(new SimpleMeterRegistry()).create("hikari", stats());
        perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        perfmon = PerfMonPoolMonitor.builder(perfMon).build().trackerFactory().create("perfmon", stats());
    }

    @Setup(Level.Iteration)
    public void openScope() {
        scope = perfMon.openScope("GET /posts");
    }

    @TearDown(Level.Iteration)
    public void closeScope() {
        scope.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        micrometer.close();
        perfmon.close();
        perfMon.close();
    }

    @Benchmark
    public void hikariMicrometer() {
        micrometer.recordConnectionAcquiredNanos(1_500);
        micrometer.recordConnectionUsageMillis(0);
    }

    @Benchmark
    public void perfmonInScope() {
        perfmon.recordConnectionAcquiredNanos(1_500);
        perfmon.recordConnectionUsageMillis(0);
    }

    private static PoolStats stats() {
        return new PoolStats(1_000) {
            @Override
            protected void update() {
                maxConnections = 4;
            }
        };
    }
}
