package dev.perfmon.examples.spring;

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
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * perfmon in a Spring Boot (4.x, also 3.x) MVC application: add this configuration (or copy it)
 * next to Boot's actuator, which provides the {@link MeterRegistry}.
 * <ul>
 *   <li>{@link PerfMon} over Boot's registry, with the reporter and the health monitor;</li>
 *   <li>{@link PerfMonFilter} registered first, for REQUEST and ASYNC dispatches, naming routes
 *       from Spring MVC's best matching pattern ({@code /posts/{id}}) — turn off Boot's own
 *       {@code http.server.requests} observation ({@code management.observations.enable.http.server.requests=false})
 *       so the meter is not recorded twice;</li>
 *   <li>a {@link BeanPostProcessor} that puts every HikariCP pool under the pool monitor before
 *       its first connection and wraps every {@link DataSource} bean in {@link PerfMonDataSource},
 *       so JPA/Hibernate, JdbcTemplate and jOOQ all go through it;</li>
 *   <li>a Lettuce client with perfmon's resources, options and listener, and a
 *       {@link PerfMonCache} bean.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class PerfMonSpringConfiguration {

    /** @return the application's PerfMon over Boot's registry, closed with the context */
    @Bean(destroyMethod = "close")
    public PerfMon perfMon(MeterRegistry registry) {
        return PerfMon.builder(registry).build().bindJvmMetrics();
    }

    /** @return the reporter behind a report endpoint or the dashboard; closed with the PerfMon */
    @Bean
    public PerfReporter perfReporter(PerfMon perfMon) {
        return PerfReporter.create(perfMon);
    }

    /** @return the live health verdicts ({@code perfmon.health}); closed with the PerfMon */
    @Bean
    public HealthMonitor healthMonitor(PerfMon perfMon) {
        return HealthMonitor.builder(perfMon).start();
    }

    /**
     * The filter's default route chain already reads Spring MVC's best matching pattern
     * ({@code /posts/{id}}); actuator endpoints are left out of the application's numbers.
     *
     * @return the request filter, first in the chain
     */
    @Bean
    public FilterRegistrationBean<PerfMonFilter> perfMonFilter(PerfMon perfMon) {
        HttpMetricsConfig config = HttpMetricsConfig.builder()
                .percentileHistogram(true)
                .excludePathPrefixes("/actuator")
                .build();
        FilterRegistrationBean<PerfMonFilter> registration =
                new FilterRegistrationBean<>(new PerfMonFilter(perfMon, config));
        registration.setName(PerfMonFilter.FILTER_NAME);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Static, so it is created before the DataSource beans it post-processes; the PerfMon is
     * looked up lazily for the same reason.
     *
     * @return the post-processor instrumenting DataSource beans
     */
    @Bean
    public static BeanPostProcessor perfMonDataSourcePostProcessor(ObjectProvider<PerfMon> perfMon) {
        return new DataSourcePostProcessor(perfMon);
    }

    /** @return Lettuce client resources recording command latency into the registry */
    @Bean(destroyMethod = "shutdown")
    public ClientResources lettuceResources(PerfMon perfMon) {
        return PerfMonRedis.clientResources(perfMon);
    }

    /** @return the Redis client, with bounded queues and the perfmon command listener */
    @Bean(destroyMethod = "shutdown")
    public RedisClient redisClient(ClientResources resources, PerfMon perfMon, Environment environment) {
        RedisClient client = RedisClient.create(resources,
                environment.getProperty("perfmon.example.redis-uri", "redis://127.0.0.1:6379"));
        client.setOptions(PerfMonRedis.clientOptions());
        client.addListener(PerfMonRedis.commandListener(perfMon));
        return client;
    }

    /** @return the connection the caches share (String keys, byte[] values) */
    @Bean(destroyMethod = "close")
    public StatefulRedisConnection<String, byte[]> redisConnection(RedisClient client) {
        return client.connect(PerfMonRedis.codec());
    }

    /** @return a cache of rendered posts: hit/miss meters, single-flight, the redis segment */
    @Bean
    public PerfMonCache<String> postsCache(PerfMon perfMon, StatefulRedisConnection<String, byte[]> connection) {
        return PerfMonCache.builder(perfMon, connection).name("posts").ttl(Duration.ofMinutes(10)).build();
    }

    /** Wraps DataSource beans; HikariCP pools are watched by the pool monitor first. */
    static final class DataSourcePostProcessor implements BeanPostProcessor {

        private final ObjectProvider<PerfMon> perfMon;
        private PerfMonPoolMonitor pools;

        DataSourcePostProcessor(ObjectProvider<PerfMon> perfMon) {
            this.perfMon = perfMon;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!(bean instanceof DataSource dataSource) || bean instanceof PerfMonDataSource) {
                return bean;
            }
            PerfMon owner = perfMon.getObject();
            if (bean instanceof HikariDataSource hikari) {
                pools().monitor(hikari);
            }
            return PerfMonDataSource.builder(dataSource, owner).name(beanName).build();
        }

        private synchronized PerfMonPoolMonitor pools() {
            if (pools == null) {
                pools = PerfMonPoolMonitor.builder(perfMon.getObject()).build();
            }
            return pools;
        }
    }
}
