package dev.perfmon.examples.plain;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import dev.perfmon.redis.PerfMonCache;
import dev.perfmon.redis.PerfMonRedis;
import dev.perfmon.servlet.HttpMetricsConfig;
import dev.perfmon.servlet.PerfMonFilter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Set;

/**
 * The framework author's example: a plain jakarta.servlet application wired to perfmon by hand,
 * without {@code web.xml} and without a framework. Everything perfmon needs is in
 * {@link #onStartup}, in the order an application starts:
 * <ol>
 *   <li>a {@link PerfMon} over the application's Micrometer registry (here Prometheus);</li>
 *   <li>{@link PerfMonFilter} registered first in the chain for every request;</li>
 *   <li>the HikariCP pool built through {@link PerfMonPoolMonitor} and wrapped in
 *       {@link PerfMonDataSource} before anyone gets a connection;</li>
 *   <li>the Redis cache built on a Lettuce connection with {@link PerfMonRedis}'s codec, listener
 *       and client resources;</li>
 *   <li>the application's servlets naming their route templates with
 *       {@link PerfMonFilter#setRoute}, the {@code /metrics} endpoint, and a listener closing it all.</li>
 * </ol>
 * Any servlet 6 container runs it: register it as a {@code ServletContainerInitializer}
 * ({@code META-INF/services}), or, embedded, as {@link PlainServletMain} does with Jetty.
 */
public final class PlainServletApp implements ServletContainerInitializer {

    private final String jdbcUrl;
    private final String redisUri;

    /**
     * @param jdbcUrl the notes database (H2 or PostgreSQL)
     * @param redisUri the Redis of the notes cache
     */
    public PlainServletApp(String jdbcUrl, String redisUri) {
        this.jdbcUrl = jdbcUrl;
        this.redisUri = redisUri;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        // 1. One PerfMon per application, over the registry the metrics should reach.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PerfMon perfMon = PerfMon.builder(registry).build().bindJvmMetrics();
        PerfReporter reporter = PerfReporter.create(perfMon);
        HealthMonitor.builder(perfMon).start();

        // 2. The filter, first in the chain; it publishes perfMon as a context attribute too.
        new PerfMonFilter(perfMon, HttpMetricsConfig.builder()
                .percentileHistogram(true)
                .excludePathPrefixes("/metrics")
                .build()).registerWith(context);

        // 3. The pool through the pool monitor, then the DataSource decorator on top.
        HikariConfig poolConfig = new HikariConfig();
        poolConfig.setPoolName("notes");
        poolConfig.setJdbcUrl(jdbcUrl);
        poolConfig.setMaximumPoolSize(10);
        HikariDataSource pool = PerfMonPoolMonitor.builder(perfMon).build().createDataSource(poolConfig);
        DataSource dataSource = PerfMonDataSource.builder(pool, perfMon).name("notes").build();
        NotesRepository notes = new NotesRepository(dataSource);
        notes.createSchema();

        // 4. Lettuce with perfmon's resources (command latency), options, listener and codec.
        ClientResources resources = PerfMonRedis.clientResources(perfMon);
        RedisClient redis = RedisClient.create(resources, redisUri);
        redis.setOptions(PerfMonRedis.clientOptions());
        redis.addListener(PerfMonRedis.commandListener(perfMon));
        StatefulRedisConnection<String, byte[]> connection = redis.connect(PerfMonRedis.codec());
        PerfMonCache<String> cache = PerfMonCache.builder(perfMon, connection)
                .name("notes")
                .ttl(Duration.ofMinutes(5))
                .build();

        // 5. The application's servlets, the scrape endpoint, and the shutdown order.
        // The example's in-memory database starts empty on every run: so does its key namespace.
        String keys = "plain-example:" + Long.toHexString(System.nanoTime()) + ':';
        context.addServlet("notes", new NotesServlet(notes, cache, keys))
                .addMapping("/notes/*");
        context.addServlet("metrics", new PrometheusServlet(registry)).addMapping("/metrics");
        context.setAttribute(PerfReporter.class.getName(), reporter);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                connection.close();
                redis.shutdown();
                resources.shutdown();
                pool.close();
                perfMon.close();
                registry.close();
            }
        });
    }
}
