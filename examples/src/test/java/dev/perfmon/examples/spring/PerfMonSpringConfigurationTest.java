package dev.perfmon.examples.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.redis.PerfMonCache;
import dev.perfmon.servlet.PerfMonFilter;
import dev.perfmon.testsupport.TestDatabase;
import dev.perfmon.testsupport.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented Spring wiring in a real (non-web) Spring context over HikariCP, H2 and Redis. */
class PerfMonSpringConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    static class Application {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean(destroyMethod = "close")
        HikariDataSource dataSource() {
            HikariDataSource pool = new HikariDataSource();
            pool.setPoolName("spring");
            pool.setJdbcUrl(TestDatabase.h2().jdbcUrl());
            return pool;
        }
    }

    @Test
    void wrapsTheDataSourceWatchesThePoolRegistersTheFilterFirstAndBuildsTheCache() throws Exception {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                    Map.of("perfmon.example.redis-uri", TestRedis.uri())));
            context.register(Application.class, PerfMonSpringConfiguration.class);
            context.refresh();

            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(dataSource).isInstanceOf(PerfMonDataSource.class);
            assertThat(dataSource.unwrap(HikariDataSource.class).getPoolName()).isEqualTo("spring");
            try (RequestScope scope = context.getBean(PerfMon.class).openScope("test");
                 Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("jdbc.query").tag("datasource", "dataSource").timers())
                    .as(registry.getMeters().stream().map(m -> m.getId().toString()).sorted().toList().toString())
                    .extracting(io.micrometer.core.instrument.Timer::count).contains(1L);
            assertThat(registry.get("hikaricp.connections.max").tag("pool", "spring").gauge().value()).isEqualTo(10);

            @SuppressWarnings("unchecked")
            FilterRegistrationBean<PerfMonFilter> filter = context.getBean(FilterRegistrationBean.class);
            assertThat(filter.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
            assertThat(filter.getUrlPatterns()).containsExactly("/*");
            assertThat(filter.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST, DispatcherType.ASYNC);

            @SuppressWarnings("unchecked")
            PerfMonCache<String> cache = context.getBean(PerfMonCache.class);
            String key = "perfmon-spring-example:" + System.nanoTime();
            assertThat(cache.getOrLoad(key, () -> "loaded")).isEqualTo("loaded");
            // Until Redis acknowledges the write-back a reader would join the load (a miss, not a hit).
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (cache.loadsInFlight() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(cache.getOrLoad(key, () -> "again")).isEqualTo("loaded");
            cache.invalidate(key);
            assertThat(registry.get("cache.gets").tag("cache", "posts").tag("result", "hit").counter().count()).isEqualTo(1);
        }
    }
}
