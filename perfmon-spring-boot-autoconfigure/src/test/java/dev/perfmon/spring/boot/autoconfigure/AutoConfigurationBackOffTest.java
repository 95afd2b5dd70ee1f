package dev.perfmon.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import dev.perfmon.servlet.HttpMetricsConfig;
import dev.perfmon.servlet.PerfMonFilter;
import dev.perfmon.spring.boot.autoconfigure.internal.DataSourceInstrumenter;
import dev.perfmon.spring.boot.autoconfigure.internal.MappedPathRouteResolver;
import dev.perfmon.spring.boot.autoconfigure.internal.ObservationConventionRenamer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

import javax.sql.DataSource;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Which beans each switch leaves, and that every bean gives way to the application's own. */
class AutoConfigurationBackOffTest {

    private static final AutoConfigurations PERFMON = AutoConfigurations.of(PerfMonAutoConfiguration.class,
            PerfMonServletAutoConfiguration.class, PerfMonJdbcAutoConfiguration.class,
            PerfMonEndpointAutoConfiguration.class);

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(PERFMON)
            .withUserConfiguration(Registry.class, Pool.class)
            .withPropertyValues("management.endpoints.web.exposure.include=perfmon");

    @Test
    void everyPartIsThereByDefault() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(PerfMon.class)
                .hasSingleBean(HealthMonitor.class)
                .hasSingleBean(PerfReporter.class)
                .hasSingleBean(PerfMonEndpoint.class)
                .hasSingleBean(HttpMetricsConfig.class)
                .hasBean(PerfMonFilter.FILTER_NAME)
                .hasSingleBean(MappedPathRouteResolver.class)
                .hasSingleBean(ServerRequestObservationConvention.class)
                .hasSingleBean(MeterFilter.class)
                .hasSingleBean(DataSourceInstrumenter.class)
                .hasSingleBean(NPlusOneConfig.class)
                .hasSingleBean(PerfMonPoolMonitor.class)
                .hasSingleBean(PerfMonJvmBinders.class));
    }

    @Test
    void perfMonClosesWithTheContext() {
        PerfMon[] perfMon = new PerfMon[1];
        runner.run(context -> {
            perfMon[0] = context.getBean(PerfMon.class);
            assertThat(perfMon[0].isClosed()).isFalse();
        });
        assertThat(perfMon[0].isClosed()).isTrue();
    }

    @Test
    void perfmonEnabledFalseLeavesNoPerfmonBeanAtAll() {
        runner.withPropertyValues("perfmon.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(perfmonBeans(context)).isEmpty();
            assertThat(context.getBean(DataSource.class).isWrapperFor(PerfMonDataSource.class)).isFalse();
        });
    }

    @Test
    void withoutAMeterRegistryNothingIsConfigured() {
        new WebApplicationContextRunner().withConfiguration(PERFMON).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(perfmonBeans(context)).isEmpty();
        });
    }

    @Test
    void httpEnabledFalseLeavesBootsObservationAlone() {
        runner.withPropertyValues("perfmon.http.enabled=false").run(context -> assertThat(context)
                .hasSingleBean(PerfMon.class)
                .doesNotHaveBean(PerfMonFilter.FILTER_NAME)
                .doesNotHaveBean(HttpMetricsConfig.class)
                .doesNotHaveBean(ServerRequestObservationConvention.class)
                .doesNotHaveBean(MeterFilter.class));
    }

    @Test
    void jdbcEnabledFalseLeavesDataSourcesUntouched() {
        runner.withPropertyValues("perfmon.jdbc.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(PerfMon.class).doesNotHaveBean(DataSourceInstrumenter.class)
                    .doesNotHaveBean(PerfMonPoolMonitor.class).doesNotHaveBean(NPlusOneConfig.class);
            assertThat(context.getBean(DataSource.class).isWrapperFor(PerfMonDataSource.class)).isFalse();
        });
    }

    @Test
    void poolEnabledFalseStillDecoratesTheDataSource() {
        runner.withPropertyValues("perfmon.jdbc.pool.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(PerfMonPoolMonitor.class);
            HikariDataSource pool = context.getBean(HikariDataSource.class);
            assertThat(pool.isWrapperFor(PerfMonDataSource.class)).isTrue();
            assertThat(pool.getMetricsTrackerFactory()).isNull();
        });
    }

    @Test
    void reportEnabledFalseRemovesTheReporterAndTheEndpoint() {
        runner.withPropertyValues("perfmon.report.enabled=false").run(context -> assertThat(context)
                .hasSingleBean(PerfMon.class).doesNotHaveBean(PerfReporter.class).doesNotHaveBean(PerfMonEndpoint.class));
    }

    @Test
    void theEndpointIsOnlyThereWhenExposed() {
        new WebApplicationContextRunner().withConfiguration(PERFMON).withUserConfiguration(Registry.class)
                .run(context -> assertThat(context).hasSingleBean(PerfReporter.class).doesNotHaveBean(PerfMonEndpoint.class));
    }

    @Test
    void healthEnabledFalseKeepsTheReporterWithWindowRules() {
        runner.withPropertyValues("perfmon.health.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(HealthMonitor.class).hasSingleBean(PerfReporter.class));
    }

    @Test
    void jvmBindersAreBoundOnlyWhereTheApplicationHasNone() {
        runner.run(context -> assertThat(context.getBean(PerfMonJvmBinders.class).bound()).containsExactly(
                "ClassLoaderMetrics", "JvmMemoryMetrics", "JvmThreadMetrics", "ProcessorMetrics", "UptimeMetrics",
                "FileDescriptorMetrics", "JvmGcMetrics"));
        runner.withUserConfiguration(BootLikeBinders.class).run(context ->
                assertThat(context.getBean(PerfMonJvmBinders.class).bound()).doesNotContain("JvmGcMetrics", "JvmMemoryMetrics")
                        .contains("ProcessorMetrics"));
        runner.withPropertyValues("perfmon.jvm-metrics.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(PerfMonJvmBinders.class);
            assertThat(context.getBean(MeterRegistry.class).find("jvm.memory.used").gauges()).isEmpty();
        });
    }

    @Test
    void theApplicationsOwnBeansWin() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PerfMon.class)).isSameAs(context.getBean(OwnBeans.class).perfMon);
            assertThat(context).getBean(PerfReporter.class).isSameAs(context.getBean("ownReporter"));
            assertThat(context).getBean(HealthMonitor.class).isSameAs(context.getBean("ownHealth"));
            assertThat(context).getBean(HttpMetricsConfig.class).isSameAs(context.getBean("ownHttpConfig"));
            assertThat(context).getBean(NPlusOneConfig.class).isSameAs(context.getBean("ownNPlusOne"));
            assertThat(context).getBean(PerfMonPoolMonitor.class).isSameAs(context.getBean("ownPools"));
            // The application's convention stays the one Boot uses, under the observation name perfmon's filter denies.
            ServerRequestObservationConvention convention = context.getBean(ServerRequestObservationConvention.class);
            assertThat(convention).isInstanceOf(DefaultServerRequestObservationConvention.class)
                    .isInstanceOf(ObservationConventionRenamer.Renamed.class);
            assertThat(convention.getName()).isEqualTo(PerfMonServletAutoConfiguration.OBSERVATION_NAME);
            assertThat(context).hasSingleBean(MeterFilter.class);
            assertThat(context.getBeansOfType(FilterRegistrationBean.class)).containsOnlyKeys(PerfMonFilter.FILTER_NAME);
            assertThat(((FilterRegistrationBean<?>) context.getBean(PerfMonFilter.FILTER_NAME)).getFilter())
                    .isSameAs(context.getBean(OwnBeans.class).filter);
        });
    }

    @Test
    void anApplicationConventionUnderAnotherNameKeepsItAndItsMeter() {
        ServerRequestObservationConvention own = new DefaultServerRequestObservationConvention("shop.requests");
        runner.withBean("ownConvention", ServerRequestObservationConvention.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ServerRequestObservationConvention.class)).isSameAs(own);
            assertThat(own.getName()).isEqualTo("shop.requests");
        });
    }

    @Test
    void anApplicationPerfMonFilterBeanReplacesTheRegistration() {
        runner.withBean(PerfMonFilter.class, PerfMonFilter::new).run(context -> assertThat(context)
                .hasSingleBean(PerfMonFilter.class)
                .doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void callSitesAreLookedForInTheAutoConfigurationPackagesUnlessSet() {
        runner.withUserConfiguration(AppPackage.class).run(context ->
                assertThat(context.getBean(NPlusOneConfig.class).applicationPackages())
                        .containsExactly("dev.perfmon.spring.boot.autoconfigure."));
        runner.withUserConfiguration(AppPackage.class)
                .withPropertyValues("perfmon.jdbc.n-plus-one.application-packages=com.example.shop.,com.example.common.")
                .run(context -> assertThat(context.getBean(NPlusOneConfig.class).applicationPackages())
                        .containsExactly("com.example.shop.", "com.example.common."));
    }

    @Test
    void aPlainDataSourceIsDecoratedAndHikariStaysHikari() {
        new ApplicationContextRunner().withConfiguration(PERFMON).withUserConfiguration(Registry.class, Pool.class)
                .withBean("plain", DataSource.class, JdbcDataSource::new)
                .run(context -> {
                    assertThat(context.getBean("plain")).isInstanceOf(PerfMonDataSource.class);
                    HikariDataSource pool = context.getBean("pool", HikariDataSource.class);
                    assertThat(pool.isWrapperFor(PerfMonDataSource.class)).isTrue();
                    assertThat(pool.unwrap(HikariDataSource.class).getPoolName()).isEqualTo("backoff");
                    assertThat(pool.getMetricsTrackerFactory())
                            .isInstanceOf(dev.perfmon.jdbc.pool.PerfMonMetricsTrackerFactory.class);
                });
    }

    @Test
    void aDataSourceThatCannotBeDecoratedIsLeftAsItWasAndTheFailureCounted() {
        new ApplicationContextRunner().withConfiguration(PERFMON).withUserConfiguration(Registry.class)
                .withBean("sealed", SealedPool.class, SealedPool::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("sealed")).isExactlyInstanceOf(SealedPool.class);
                    assertThat(context.getBean(PerfMon.class).failureCount(DataSourceInstrumenter.COMPONENT)).isEqualTo(1);
                });
    }

    /** A pool class no proxy can extend. */
    static final class SealedPool extends HikariDataSource {
        SealedPool() {
            setJdbcUrl("jdbc:h2:mem:sealed");
        }
    }

    @Test
    void aPoolBehindAWrapperIsWatchedToo() {
        new ApplicationContextRunner().withConfiguration(PERFMON).withUserConfiguration(Registry.class)
                .withBean("lazy", DataSource.class, () -> {
                    HikariDataSource pool = new HikariDataSource();
                    pool.setJdbcUrl("jdbc:h2:mem:wrapped");
                    pool.setPoolName("wrapped");
                    return new org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy(pool);
                })
                .run(context -> {
                    DataSource lazy = context.getBean("lazy", DataSource.class);
                    assertThat(lazy).isInstanceOf(PerfMonDataSource.class);
                    assertThat(lazy.unwrap(HikariDataSource.class).getMetricsTrackerFactory())
                            .isInstanceOf(dev.perfmon.jdbc.pool.PerfMonMetricsTrackerFactory.class);
                    lazy.unwrap(HikariDataSource.class).close();
                });
    }

    @Test
    void aDataSourceIsDecoratedOnceWhateverPassesItThrough() {
        runner.run(context -> {
            DataSourceInstrumenter instrumenter = context.getBean(DataSourceInstrumenter.class);
            DataSource pool = context.getBean(DataSource.class);
            assertThat(instrumenter.postProcessAfterInitialization(pool, "pool")).isSameAs(pool);
            PerfMonDataSource decorated = PerfMonDataSource.wrap(new JdbcDataSource(), context.getBean(PerfMon.class));
            assertThat(instrumenter.postProcessAfterInitialization(decorated, "other")).isSameAs(decorated);
        });
    }

    private static java.util.List<String> perfmonBeans(AssertableWebApplicationContext context) {
        return Arrays.stream(context.getBeanDefinitionNames()).filter(name -> {
            Class<?> type = context.getType(name);
            return type != null && type.getName().startsWith("dev.perfmon.")
                    && !type.getName().startsWith(AutoConfigurationBackOffTest.class.getName())
                    || name.toLowerCase().contains("perfmon");
        }).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Pool {
        @Bean(destroyMethod = "close")
        HikariDataSource pool() {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl("jdbc:h2:mem:backoff");
            pool.setPoolName("backoff");
            return pool;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BootLikeBinders {
        @Bean
        JvmGcMetrics jvmGcMetrics() {
            return new JvmGcMetrics();
        }

        @Bean
        JvmMemoryMetrics jvmMemoryMetrics() {
            return new JvmMemoryMetrics();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.AutoConfigurationPackage
    static class AppPackage {
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry()).build();
        final PerfMonFilter filter = new PerfMonFilter(perfMon);

        @Bean(destroyMethod = "close")
        PerfMon ownPerfMon() {
            return perfMon;
        }

        @Bean
        PerfReporter ownReporter() {
            return PerfReporter.builder(perfMon).build();
        }

        @Bean
        HealthMonitor ownHealth() {
            return HealthMonitor.builder(perfMon).build();
        }

        @Bean
        HttpMetricsConfig ownHttpConfig() {
            return HttpMetricsConfig.defaults();
        }

        @Bean
        NPlusOneConfig ownNPlusOne() {
            return NPlusOneConfig.strict();
        }

        @Bean
        PerfMonPoolMonitor ownPools() {
            return PerfMonPoolMonitor.builder(perfMon).build();
        }

        @Bean
        ServerRequestObservationConvention ownConvention() {
            return new DefaultServerRequestObservationConvention();
        }

        @Bean(PerfMonFilter.FILTER_NAME)
        FilterRegistrationBean<PerfMonFilter> ownFilter() {
            return new FilterRegistrationBean<>(filter);
        }
    }
}
