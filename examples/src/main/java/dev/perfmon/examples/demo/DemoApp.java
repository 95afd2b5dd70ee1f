package dev.perfmon.examples.demo;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.core.health.RuleStatus;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.examples.demo.infra.DemoDatabase;
import dev.perfmon.examples.demo.infra.DemoRedis;
import dev.perfmon.examples.demo.infra.Hibernate;
import dev.perfmon.examples.demo.web.BoardService;
import dev.perfmon.examples.demo.web.BoardServlet;
import dev.perfmon.examples.demo.web.HealthServlet;
import dev.perfmon.examples.demo.web.Json;
import dev.perfmon.examples.demo.web.RedisPostCache;
import dev.perfmon.examples.demo.web.MetricsServlet;
import dev.perfmon.examples.demo.web.PlainRedisPostCache;
import dev.perfmon.examples.demo.web.PostCache;
import dev.perfmon.examples.demo.web.ReportServlet;
import dev.perfmon.examples.demo.web.RouteNamer;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import dev.perfmon.servlet.HttpMetricsConfig;
import dev.perfmon.servlet.PerfMonFilter;
import dev.perfmon.servlet.dashboard.PerfMonDashboardServlet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hibernate.SessionFactory;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo service, assembled by hand: Prometheus registry, {@link PerfMon}, HikariCP pool
 * (instrumented), Hibernate, Redis cache (instrumented), embedded Jetty with perfmon's filter
 * and dashboard. {@link #start(DemoSettings)} returns it listening; close it to stop
 * everything it started. With {@link DemoSettings#perfMonEnabled()} false the same service runs
 * without perfmon: plain HikariCP, Hibernate on the pool itself, plain Lettuce, no filter.
 */
public final class DemoApp implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final DemoSettings settings;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private PrometheusMeterRegistry registry;
    private PerfMon perfMon;
    private PerfReporter reporter;
    private HealthMonitor health;
    private DemoRedis redis;
    private DemoDatabase database;
    private SessionFactory sessions;
    private PostCache cache;
    private BoardService board;
    private Server server;
    private long seededComments;

    private DemoApp(DemoSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts the service and returns once it accepts requests.
     *
     * @param settings how to run it
     * @return the running service
     */
    public static DemoApp start(DemoSettings settings) {
        DemoApp app = new DemoApp(settings);
        try {
            app.startAll();
            return app;
        } catch (Exception | LinkageError e) {
            app.close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("demo did not start: " + e.getMessage(), e);
        }
    }

    private void startAll() throws Exception {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        resources.push(registry::close);
        if (!settings.perfMonEnabled()) {
            startPlain();
            return;
        }

        perfMon = PerfMon.builder(registry).config(settings.perfMonConfig()).build();
        resources.push(perfMon);
        perfMon.bindJvmMetrics();

        redis = DemoRedis.resolve(settings.redisUri());
        resources.push(redis);

        // HikariCP with perfmon's tracker: hikaricp.connections.* as usual, plus who holds and
        // who waits, and exhaustion episodes naming the holding routes.
        PerfMonPoolMonitor pools = PerfMonPoolMonitor.builder(perfMon)
                .exhaustionThreshold(settings.exhaustionThreshold())
                .build();
        database = DemoDatabase.open(settings.database(), settings.poolSize(), settings.connectionTimeout(),
                pools::createDataSource);
        resources.push(database);
        // Every statement timed, counted per request, and checked for N+1 when the request ends;
        // with Hibernate on the class path the finding names the association.
        DataSource dataSource = PerfMonDataSource.builder(database.pool(), perfMon).name("board").build();

        sessions = Hibernate.sessionFactory(dataSource, settings.database().schema(), Map.of());
        resources.push(sessions);
        seededComments = settings.seeder().seed(database.pool());

        String prefix = "perfmon-demo:" + ProcessHandle.current().pid() + '-' + INSTANCES.incrementAndGet() + ':';
        cache = new RedisPostCache(perfMon, redis.uri(), prefix, Duration.ofMinutes(10));
        resources.push(cache);
        board = new BoardService(sessions, cache);

        // Since-start reports cover the service's life from here (after seeding), sampled every
        // second so the overload phase's pool peaks are caught; the built-in rules are applied
        // to each report's window.
        reporter = PerfReporter.builder(perfMon).sampleInterval(Duration.ofSeconds(1)).start();
        // Live verdicts (with "for" durations) for /health, the dashboard and perfmon.health.
        health = HealthMonitor.builder(perfMon).interval(Duration.ofSeconds(5)).start();

        server = newServer();
        server.start();
        resources.push(server::stop);
    }

    /** The same service with nothing of perfmon in it: the baseline perfmon's cost is measured against. */
    private void startPlain() throws Exception {
        redis = DemoRedis.resolve(settings.redisUri());
        resources.push(redis);
        database = DemoDatabase.open(settings.database(), settings.poolSize(), settings.connectionTimeout(),
                HikariDataSource::new);
        resources.push(database);
        sessions = Hibernate.sessionFactory(database.pool(), settings.database().schema(), Map.of());
        resources.push(sessions);
        seededComments = settings.seeder().seed(database.pool());
        String prefix = "perfmon-demo:" + ProcessHandle.current().pid() + '-' + INSTANCES.incrementAndGet() + ':';
        cache = new PlainRedisPostCache(redis.uri(), prefix, Duration.ofMinutes(10));
        resources.push(cache);
        board = new BoardService(sessions, cache);
        server = newServer();
        server.start();
        resources.push(server::stop);
    }

    private Server newServer() {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("demo-http");
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        boolean instrumented = perfMon != null;
        if (instrumented) {
            // Every request timed (http.server.requests with histogram buckets, so Prometheus can
            // compute p99 across instances) and given a request scope. Scrapes and the dashboard's
            // own polling are left out, so the numbers are the application's traffic.
            PerfMonFilter filter = new PerfMonFilter(perfMon, HttpMetricsConfig.builder()
                    .percentileHistogram(true)
                    .excludePathPrefixes("/metrics", "/perfmon")
                    .build());
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        }
        // The servlets know their route templates (/posts/{id}), as a framework's router would.
        RouteNamer routes = instrumented ? PerfMonFilter::setRoute : RouteNamer.NONE;
        context.addServlet(new ServletHolder("board", new BoardServlet(board, routes)), "/posts/*");
        context.addServlet(new ServletHolder("report", new ReportServlet(board, routes)), "/reports/slow");
        context.addServlet(new ServletHolder("health", new HealthServlet(board, cache, this::healthJson, routes)), "/health");
        context.addServlet(new ServletHolder("metrics", new MetricsServlet(registry)), "/metrics");
        // perfmon's own dashboard page and its JSON: a chart point every 2 s, ten minutes kept.
        if (instrumented) {
            context.addServlet(new ServletHolder(PerfMonDashboardServlet.SERVLET_NAME, PerfMonDashboardServlet.builder(reporter)
                    .title("perfmon demo")
                    .pointInterval(Duration.ofSeconds(2))
                    .maxPoints(300)
                    .build()), "/perfmon/*");
        }
        context.addServlet(new ServletHolder("index", new IndexServlet()), "/");
        jetty.setHandler(context);
        jetty.setStopTimeout(2_000);
        return jetty;
    }

    private String healthJson() {
        Json json = new Json().beginArray();
        if (health == null) {
            return json.endArray().toString();
        }
        for (RuleStatus status : health.statuses()) {
            json.beginObject()
                    .name("rule").value(status.rule())
                    .name("series").value(status.series())
                    .name("state").value(status.state().name())
                    .name("value").value(status.value())
                    .name("summary").value(status.summary())
                    .endObject();
        }
        return json.endArray().toString();
    }

    /** @return the port it listens on */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** @return {@code http://host:port} */
    public URI baseUri() {
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        return URI.create("http://" + host + ':' + port());
    }

    /** @return how it was started */
    public DemoSettings settings() {
        return settings;
    }

    /** @return the registry every meter goes to */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** @return the perfmon instance, {@code null} when the service runs without perfmon */
    public PerfMon perfMon() {
        return perfMon;
    }

    /** @return the reporter (since start of the service), {@code null} without perfmon */
    public PerfReporter reporter() {
        return reporter;
    }

    /** @return the live health monitor, {@code null} without perfmon */
    public HealthMonitor health() {
        return health;
    }

    /** @return the Redis in use */
    public DemoRedis redis() {
        return redis;
    }

    /** @return the database and pool */
    public DemoDatabase database() {
        return database;
    }

    /** @return how many comments were seeded */
    public long seededComments() {
        return seededComments;
    }

    /** Stops the server and closes everything it opened, last opened first. Idempotent. */
    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("demo: error while stopping: " + e);
            }
        }
    }
}
