package dev.perfmon.benchmarks;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A request scope on a fresh virtual thread (a thread per request, as Spring Boot and Jetty run
 * them with virtual threads on) while {@code inFlight} other requests hold theirs open on parked
 * virtual threads: what the thread's first scope costs as the number of requests in flight grows,
 * beside a bare virtual thread started and joined. JDK 21+.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ScopeOnVirtualThreadBenchmark {

    /** Requests holding a scope open on their own parked virtual threads meanwhile. */
    @Param({"0", "1000", "10000"})
    public int inFlight;

    private PerfMon perfMon;
    private ExecutorService virtualThreads;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Runnable request = () -> {
        try (RequestScope scope = perfMon.openScope("GET /posts/{id}")) {
            scope.route("GET /posts/{id}");
        }
    };

    @Setup
    public void setUp() throws Exception {
        perfMon = PerfMon.builder(new SimpleMeterRegistry()).config(PerfMonConfig.builder().logFindings(false).build())
                .build();
        virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        CountDownLatch opened = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            virtualThreads.execute(() -> {
                try (RequestScope held = perfMon.openScope("GET /reports/slow")) {
                    opened.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        if (!opened.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the requests in flight did not all start");
        }
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        release.countDown();
        virtualThreads.shutdown();
        virtualThreads.awaitTermination(60, TimeUnit.SECONDS);
        perfMon.close();
    }

    @Benchmark
    public Object bareVirtualThread() throws Exception {
        return virtualThreads.submit(() -> { }).get();
    }

    @Benchmark
    public Object scopeOnVirtualThread() throws Exception {
        return virtualThreads.submit(request).get();
    }
}
