package dev.perfmon.servlet;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.testsupport.Await;
import dev.perfmon.testsupport.TestThreads;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;

/**
 * A real Jetty 12 (ee10) server on a free loopback port with the filter installed first, the
 * registry and PerfMon it records into, and an HTTP client.
 */
final class TestApp implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    final SimpleMeterRegistry registry;
    final PerfMon perfMon;
    final Server server;
    final ServletContextHandler context;
    final PerfMonFilter filter;
    private final String contextPath;
    private int port;

    private TestApp(Builder b) throws Exception {
        registry = b.registry != null ? b.registry : new SimpleMeterRegistry(SimpleConfig.DEFAULT, b.clock);
        PerfMon.Builder pb = PerfMon.builder(registry).config(b.perfMonConfig);
        if (b.clock != Clock.SYSTEM) {
            pb.clock(b.clock);
        }
        perfMon = pb.build();
        server = new Server(threadPool(b.maxThreads));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        contextPath = b.contextPath;
        context = new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
        filter = new PerfMonFilter(perfMon, b.config);
        if (b.installFilter) {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        }
        b.setup.accept(this);
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    /**
     * Jetty's request threads: virtual under {@code -Dperfmon.test.threads=virtual} (every task on a
     * new virtual thread, at most {@code maxThreads} at once), else a pool of platform threads.
     */
    private static ThreadPool threadPool(int maxThreads) {
        if (TestThreads.virtual()) {
            VirtualThreadPool pool = new VirtualThreadPool(maxThreads);
            pool.setName("test-jetty-virtual");
            return pool;
        }
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        pool.setName("test-jetty");
        return pool;
    }

    static Builder builder() {
        return new Builder();
    }

    static TestApp start(Consumer<TestApp> setup) throws Exception {
        return builder().setup(setup).start();
    }

    /** Adds an async-supported servlet. */
    TestApp servlet(String pathSpec, Servlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, pathSpec);
        return this;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + contextPath + pathAndQuery);
    }

    int port() {
        return port;
    }

    String contextPath() {
        return contextPath;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    Search requests(String... tags) {
        return registry.find(PerfMonFilter.REQUESTS_METER).tags(tags);
    }

    /** @return the count of {@code http.server.requests} over every timer matching the tags */
    long count(String... tags) {
        return requests(tags).timers().stream().mapToLong(Timer::count).sum();
    }

    /** Waits until the matching requests reach the count (recording may follow the response), then checks it stays exact. */
    void awaitCount(long expected, String... tags) {
        Await.until(expected + " requests with " + String.join(",", tags), () -> count(tags) >= expected);
        org.assertj.core.api.Assertions.assertThat(count(tags)).as("requests with %s", String.join(",", tags))
                .isEqualTo(expected);
    }

    Timer timer(String... tags) {
        return Await.value("timer with " + String.join(",", tags), () -> requests(tags).timer());
    }

    long meterCount(String name) {
        return registry.getMeters().stream().map(Meter::getId).filter(id -> id.getName().equals(name)).count();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        perfMon.close();
    }

    static final class Builder {
        private String contextPath = "";
        private HttpMetricsConfig config = HttpMetricsConfig.defaults();
        private PerfMonConfig perfMonConfig = PerfMonConfig.builder().logFindings(false).build();
        private Clock clock = Clock.SYSTEM;
        private Consumer<TestApp> setup = app -> { };
        private boolean installFilter = true;
        private int maxThreads = 24;
        private SimpleMeterRegistry registry;

        Builder registry(SimpleMeterRegistry value) {
            registry = value;
            return this;
        }

        Builder contextPath(String value) {
            contextPath = value;
            return this;
        }

        Builder config(HttpMetricsConfig value) {
            config = value;
            return this;
        }

        Builder perfMonConfig(PerfMonConfig value) {
            perfMonConfig = value;
            return this;
        }

        Builder clock(Clock value) {
            clock = value;
            return this;
        }

        Builder maxThreads(int value) {
            maxThreads = value;
            return this;
        }

        Builder installFilter(boolean value) {
            installFilter = value;
            return this;
        }

        Builder setup(Consumer<TestApp> value) {
            setup = value;
            return this;
        }

        TestApp start() throws Exception {
            return new TestApp(this);
        }
    }
}
