package dev.perfmon.benchmarks.boot;

import dev.perfmon.core.PerfMon;
import dev.perfmon.servlet.PerfMonFilter;
import dev.perfmon.spring.boot.autoconfigure.HttpProperties;
import dev.perfmon.spring.boot.autoconfigure.PerfMonProperties;
import dev.perfmon.spring.boot.autoconfigure.PerfMonServletAutoConfiguration;
import dev.perfmon.spring.boot.autoconfigure.internal.HttpConfigs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Per-request cost of the HTTP server metrics of a Spring Boot MVC application, through the
 * filter chain and Spring's {@link DispatcherServlet} routing {@code GET /posts/42} to a trivial
 * {@code @GetMapping("/posts/{id}")} handler, side by side:
 *
 * <ul>
 *   <li>{@code neither}: no HTTP metrics at all;</li>
 *   <li>{@code bootObservation}: what Boot's actuator configures, Spring's
 *       {@link ServerHttpObservationFilter} with Micrometer's {@link DefaultMeterObservationHandler}
 *       writing {@code http.server.requests};</li>
 *   <li>{@code starter}: what perfmon's starter configures, its {@link PerfMonFilter} first (built
 *       from the starter's default properties) and Boot's observation kept for tracing, renamed by
 *       the starter's convention and its meters denied by the starter's {@link MeterFilter}.</li>
 * </ul>
 *
 * The starter's added cost is {@code starter - bootObservation}; Boot's own is
 * {@code bootObservation - neither}. Besides JMH's wall-clock score, each trial prints the
 * benchmark thread's CPU time per request over the measurement iterations ({@code CPU ns/op}),
 * which other processes on a shared machine disturb less than the wall clock.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BootFilterChainBenchmark {

    private AnnotationConfigWebApplicationContext mvc;
    private DispatcherServlet dispatcher;
    private Filter[] bootFilters;
    private Filter[] starterFilters;
    private Filter[] perfMonFilterOnly;
    private Filter[] deniedObservationOnly;
    private PerfMon perfMon;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private boolean measuring;
    private long requests;
    private long iterationCpuStart;
    private long measuredCpu;
    private long measuredRequests;

    @Setup
    public void setUp() throws ServletException, IOException {
        MockServletContext servletContext = new MockServletContext();
        mvc = new AnnotationConfigWebApplicationContext();
        mvc.setServletContext(servletContext);
        mvc.register(Mvc.class);
        mvc.refresh();
        dispatcher = new DispatcherServlet(mvc);
        dispatcher.init(new MockServletConfig(servletContext, "dispatcherServlet"));

        // Boot's actuator: the observation's meter handler on the registry.
        MeterRegistry bootRegistry = new SimpleMeterRegistry();
        ObservationRegistry bootObservations = ObservationRegistry.create();
        bootObservations.observationConfig().observationHandler(new DefaultMeterObservationHandler(bootRegistry));
        bootFilters = new Filter[] {new ServerHttpObservationFilter(bootObservations)};

        // The starter: the same observation under its own name, its meters denied, and perfmon's filter first.
        MeterRegistry starterRegistry = new SimpleMeterRegistry();
        String observed = PerfMonServletAutoConfiguration.OBSERVATION_NAME;
        starterRegistry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals(observed)
                || id.getName().startsWith(observed + ".")));
        ObservationRegistry starterObservations = ObservationRegistry.create();
        starterObservations.observationConfig().observationHandler(new DefaultMeterObservationHandler(starterRegistry));
        perfMon = PerfMon.builder(starterRegistry).config(new PerfMonProperties().toConfig()).build();
        PerfMonFilter perfMonFilter = new PerfMonFilter(perfMon,
                HttpConfigs.toConfig(new HttpProperties(), "/actuator", List.of()));
        starterFilters = new Filter[] {perfMonFilter, new ServerHttpObservationFilter(starterObservations,
                new DefaultServerRequestObservationConvention(observed))};

        perfMonFilterOnly = new Filter[] {perfMonFilter};
        deniedObservationOnly = new Filter[] {starterFilters[1]};

        // Each variant measures what it claims: one http.server.requests under the route template.
        check(serve() == 200 && serve(bootFilters) == 200 && serve(starterFilters) == 200, "every request answered 200");
        check(routeCount(bootRegistry) == 1, "Boot's observation recorded the request under /posts/{id}");
        check(routeCount(starterRegistry) == 1, "perfmon recorded the request under /posts/{id}");
        check(starterRegistry.getMeters().stream().noneMatch(m -> m.getId().getName().startsWith(observed)),
                "the starter denied the observation's meters");
    }

    private static long routeCount(MeterRegistry registry) {
        return registry.find("http.server.requests").tags("uri", "/posts/{id}", "status", "200").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count).sum();
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark set-up is wrong: not true that " + what);
        }
    }

    @Setup(Level.Iteration)
    public void iterationStart(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        requests = 0;
        iterationCpuStart = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void iterationEnd() {
        if (measuring) {
            measuredCpu += THREADS.getCurrentThreadCpuTime() - iterationCpuStart;
            measuredRequests += requests;
        }
    }

    @TearDown
    public void tearDown(BenchmarkParams benchmark) {
        System.out.printf("%nCPU ns/op %s %.0f%n", benchmark.getBenchmark(), (double) measuredCpu / measuredRequests);
        perfMon.close();
        dispatcher.destroy();
        mvc.close();
    }

    @Benchmark
    public int neither() throws ServletException, IOException {
        return serve();
    }

    @Benchmark
    public int bootObservation() throws ServletException, IOException {
        return serve(bootFilters);
    }

    @Benchmark
    public int starter() throws ServletException, IOException {
        return serve(starterFilters);
    }

    /** The starter's two parts apart: perfmon's filter alone. */
    @Benchmark
    public int starterPerfMonFilterOnly() throws ServletException, IOException {
        return serve(perfMonFilterOnly);
    }

    /** The starter's two parts apart: Boot's observation with its meters denied, alone. */
    @Benchmark
    public int starterDeniedObservationOnly() throws ServletException, IOException {
        return serve(deniedObservationOnly);
    }

    private int serve(Filter... filters) throws ServletException, IOException {
        requests++;
        MockHttpServletRequest request = new MockHttpServletRequest(mvc.getServletContext(), "GET", "/posts/42");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new MockFilterChain(dispatcher, filters).doFilter(request, response);
        return response.getStatus();
    }

    /** Spring MVC with one controller, as the application's. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    static class Mvc {

        @org.springframework.context.annotation.Bean
        Posts posts() {
            return new Posts();
        }
    }

    /** A trivial handler: the cost measured is the stack's, not the application's. */
    @RestController
    static class Posts {

        @GetMapping("/posts/{id}")
        String post(@PathVariable("id") String id) {
            return id;
        }
    }
}
