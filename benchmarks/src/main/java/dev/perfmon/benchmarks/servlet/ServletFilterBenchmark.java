package dev.perfmon.benchmarks.servlet;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.servlet.HttpMetricsConfig;
import dev.perfmon.servlet.PerfMonFilter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
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
import org.springframework.web.filter.ServerHttpObservationFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Per-request cost of timing a request in a servlet filter, around a no-op chain, side by side:
 * no filter, {@link PerfMonFilter}, and Spring's {@link ServerHttpObservationFilter} with
 * Micrometer's {@link DefaultMeterObservationHandler}, each on its own {@link SimpleMeterRegistry}.
 *
 * <p>The request is {@code GET /posts/42} on a DispatcherServlet-style default mapping, and the
 * chain does what Spring MVC does after routing: sets the best-matching-pattern attribute and
 * the pattern on Spring's observation context. So both filters tag {@code uri="/posts/{id}"}.
 * The {@code Exact} rows are a plain servlet on an exact mapping ({@code /health}), where no
 * templating happens.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ServletFilterBenchmark {

    private static final String BEST_MATCHING = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    private static final String ROUTE = "/posts/{id}";

    /** What the framework does once it has routed the request; no I/O, no body. */
    private static final FilterChain ROUTED = (request, response) -> {
        HttpServletRequest http = (HttpServletRequest) request;
        http.setAttribute(BEST_MATCHING, ROUTE);
        ServerHttpObservationFilter.findObservationContext(http).ifPresent(context -> context.setPathPattern(ROUTE));
    };
    private static final FilterChain NOTHING = (request, response) -> { };

    private final PlainRequest request = new PlainRequest("GET", "/posts/42", MappingMatch.DEFAULT, "/");
    private final PlainRequest exactRequest = new PlainRequest("GET", "/health", MappingMatch.EXACT, "/health");
    private final PlainResponse response = new PlainResponse();

    private PerfMon perfMon;
    private PerfMonFilter perfMonFilter;
    private PerfMon perfMonHistogram;
    private PerfMonFilter perfMonHistogramFilter;
    private PerfMon perfMonFlooded;
    private PerfMonFilter perfMonFloodedFilter;
    private PerfMon perfMonTiming;
    private PerfMonFilter perfMonServerTimingFilter;
    private LongTaskTimer floorActive;
    private Timer floorTimer;
    private ServerHttpObservationFilter springFilter;
    private ServerHttpObservationFilter springSloFilter;

    @Setup
    public void setUp() throws ServletException {
        PerfMonConfig quiet = PerfMonConfig.builder().logFindings(false).build();
        perfMon = PerfMon.builder(new SimpleMeterRegistry()).config(quiet).build();
        perfMonFilter = new PerfMonFilter(perfMon);
        perfMonHistogram = PerfMon.builder(new SimpleMeterRegistry()).config(quiet).build();
        perfMonHistogramFilter = new PerfMonFilter(perfMonHistogram,
                HttpMetricsConfig.builder().percentileHistogram(true).build());
        perfMonTiming = PerfMon.builder(new SimpleMeterRegistry()).config(quiet).build();
        perfMonServerTimingFilter = new PerfMonFilter(perfMonTiming, HttpMetricsConfig.builder().serverTiming(true).build());
        perfMonFlooded = PerfMon.builder(new SimpleMeterRegistry()).config(quiet).build();
        perfMonFloodedFilter = new PerfMonFilter(perfMonFlooded);
        flood(perfMonFloodedFilter);
        SimpleMeterRegistry floor = new SimpleMeterRegistry();
        floorActive = LongTaskTimer.builder("http.server.requests.active").register(floor);
        floorTimer = Timer.builder("http.server.requests")
                .serviceLevelObjectives(HttpMetricsConfig.DEFAULT_SLO_BUCKETS.toArray(new Duration[0]))
                .register(floor);
        springFilter = spring(new SimpleMeterRegistry());
        SimpleMeterRegistry sloRegistry = new SimpleMeterRegistry();
        sloRegistry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                // What a Spring Boot application gets from management.metrics.distribution.slo: the same buckets as perfmon.
                double[] slos = HttpMetricsConfig.DEFAULT_SLO_BUCKETS.stream().mapToDouble(Duration::toNanos).toArray();
                return id.getName().equals("http.server.requests")
                        ? DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config)
                        : config;
            }
        });
        springSloFilter = spring(sloRegistry);
    }

    /**
     * What a scanner leaves behind: 20,000 unknown paths with every method, answered 404, 405,
     * 501, 401 or 200 (OPTIONS), plus 300 distinct templated paths answered 200 (past the cap:
     * the overflow value). The flooded filter then serves the same routed request as the others.
     */
    private static void flood(PerfMonFilter filter) throws ServletException {
        String[] methods = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND", "SMUGGLE"};
        int[] statuses = {404, 404, 405, 405, 405, 200, 501, 401};
        java.util.Random random = new java.util.Random(1);
        PlainResponse answer = new PlainResponse();
        try {
            for (int i = 0; i < 20_300; i++) {
                int kind = random.nextInt(methods.length);
                boolean templated = i >= 20_000;
                String path = "/" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "/wp-admin";
                PlainRequest scan = new PlainRequest(templated ? "GET" : methods[kind], path, MappingMatch.DEFAULT, "/");
                int status = templated ? 200 : statuses[kind];
                answer.reset200();
                filter.doFilter(scan, answer, (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(status));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerHttpObservationFilter spring(MeterRegistry registry) throws ServletException {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
        return new ServerHttpObservationFilter(observations);
    }

    /** A container starts every request with no attributes and status 200; every row pays this, the baseline too. */
    private PlainRequest fresh(PlainRequest plain) {
        plain.reset();
        response.reset200();
        return plain;
    }

    @TearDown
    public void tearDown() {
        perfMon.close();
        perfMonHistogram.close();
        perfMonTiming.close();
        perfMonFlooded.close();
    }

    @Benchmark
    public void noFilter() throws IOException, ServletException {
        ROUTED.doFilter(fresh(request), response);
    }

    @Benchmark
    public void noFilterExactMapping() throws IOException, ServletException {
        NOTHING.doFilter(fresh(exactRequest), response);
    }

    /** What one clock read costs on this machine: the contract's meters read the clock several times per request. */
    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    /**
     * The least any filter honouring the metric contract pays with Micrometer: start and stop
     * the in-flight long task timer and record into a timer with perfmon's default SLO buckets.
     */
    @Benchmark
    public void contractFloor() {
        LongTaskTimer.Sample sample = floorActive.start();
        floorTimer.record(1_234_567, TimeUnit.NANOSECONDS);
        sample.stop();
    }

    @Benchmark
    public void perfMonFilter() throws IOException, ServletException {
        perfMonFilter.doFilter(fresh(request), response, ROUTED);
    }

    /** The {@link #perfMonFilter} row on a filter that went through {@link #flood} first. */
    @Benchmark
    public void perfMonFilterAfterFlood() throws IOException, ServletException {
        perfMonFloodedFilter.doFilter(fresh(request), response, ROUTED);
    }

    @Benchmark
    public void perfMonFilterExactMapping() throws IOException, ServletException {
        perfMonFilter.doFilter(fresh(exactRequest), response, NOTHING);
    }

    @Benchmark
    public void perfMonFilterPercentileHistogram() throws IOException, ServletException {
        perfMonHistogramFilter.doFilter(fresh(request), response, ROUTED);
    }

    @Benchmark
    public String perfMonFilterServerTiming() throws IOException, ServletException {
        perfMonServerTimingFilter.doFilter(fresh(request), response, ROUTED);
        return response.serverTiming();
    }

    @Benchmark
    public void springObservationFilter() throws IOException, ServletException {
        springFilter.doFilter(fresh(request), response, ROUTED);
    }

    @Benchmark
    public void springObservationFilterWithSlo() throws IOException, ServletException {
        springSloFilter.doFilter(fresh(request), response, ROUTED);
    }
}
