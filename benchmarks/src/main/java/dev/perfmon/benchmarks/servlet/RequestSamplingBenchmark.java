package dev.perfmon.benchmarks.servlet;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestSampling;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.servlet.PerfMonFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
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

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What request sampling costs a request: the same filtered request (routed like Spring MVC,
 * with a pool wait and two statements in its timeline) and the same bare scope, with sampling
 * off, on but not sampled, and sampled every time (the copy into an immutable sample and the
 * bounded store, with eviction once it is full).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RequestSamplingBenchmark {

    private static final String SELECT = "select * from posts where id = ?";
    private static final String COMMENTS = "select * from comments where post_id = ? order by created_at";
    private static final String ROUTE = "/posts/{id}";
    private static final String BEST_MATCHING = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private final PlainRequest request = new PlainRequest("GET", "/posts/42", MappingMatch.DEFAULT, "/");
    private final PlainResponse response = new PlainResponse();

    private PerfMon off;
    private PerfMon on;
    private PerfMon every;
    private PerfMonFilter offFilter;
    private PerfMonFilter onFilter;
    private PerfMonFilter everyFilter;
    private FilterChain offChain;
    private FilterChain onChain;
    private FilterChain everyChain;

    @Setup
    public void setUp() {
        PerfMonConfig quiet = PerfMonConfig.builder().logFindings(false).build();
        off = PerfMon.builder(new SimpleMeterRegistry()).config(quiet).requestSampling(RequestSampling.off()).build();
        on = PerfMon.builder(new SimpleMeterRegistry()).config(quiet)
                .requestSampling(RequestSampling.builder().every(0).build()).build();
        every = PerfMon.builder(new SimpleMeterRegistry()).config(quiet)
                .requestSampling(RequestSampling.builder().every(1).build()).build();
        offFilter = new PerfMonFilter(off);
        onFilter = new PerfMonFilter(on);
        everyFilter = new PerfMonFilter(every);
        offChain = chain(off);
        onChain = chain(on);
        everyChain = chain(every);
    }

    /** The application: routed, then a pool wait and two statements, recorded as the JDBC module records them. */
    private static FilterChain chain(PerfMon perfMon) {
        return (req, res) -> {
            ((HttpServletRequest) req).setAttribute(BEST_MATCHING, ROUTE);
            work(perfMon.currentScope());
        };
    }

    private static long work(RequestScope scope) {
        scope.enter(Segment.DB_POOL, null, 1_000);
        scope.recordSegment(Segment.DB_POOL, 2_000);
        scope.timeline(Segment.DB_POOL, null, 1_000, 2_000);
        scope.enter(Segment.DB_QUERY, SELECT, 3_000);
        scope.recordSegment(Segment.DB_QUERY, 20_000);
        scope.timeline(Segment.DB_QUERY, SELECT, 3_000, 20_000);
        scope.enter(Segment.DB_QUERY, COMMENTS, 23_000);
        scope.recordSegment(Segment.DB_QUERY, 30_000);
        scope.timeline(Segment.DB_QUERY, COMMENTS, 23_000, 30_000);
        return scope.segmentNanos(Segment.DB_QUERY);
    }

    @TearDown
    public void tearDown() {
        off.close();
        on.close();
        every.close();
    }

    private PlainRequest fresh() {
        request.reset();
        response.reset200();
        return request;
    }

    @Benchmark
    public void filterSamplingOff() throws IOException, ServletException {
        offFilter.doFilter(fresh(), response, offChain);
    }

    /** Sampling on, the request fast and successful: not kept. */
    @Benchmark
    public void filterSamplingOnNotSampled() throws IOException, ServletException {
        onFilter.doFilter(fresh(), response, onChain);
    }

    /** Every request kept: the cost of one sampled request. */
    @Benchmark
    public void filterEveryRequestSampled() throws IOException, ServletException {
        everyFilter.doFilter(fresh(), response, everyChain);
    }

    @Benchmark
    public long scopeSamplingOff() {
        try (RequestScope scope = off.openScope("GET /posts/{id}")) {
            return work(scope);
        }
    }

    @Benchmark
    public long scopeSamplingOnNotSampled() {
        try (RequestScope scope = on.openScope("GET /posts/{id}")) {
            return work(scope);
        }
    }

    @Benchmark
    public long scopeEveryRequestSampled() {
        try (RequestScope scope = every.openScope("GET /posts/{id}")) {
            return work(scope);
        }
    }
}
