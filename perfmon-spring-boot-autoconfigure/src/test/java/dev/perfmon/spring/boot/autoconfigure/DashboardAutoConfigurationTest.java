package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.servlet.dashboard.PerfMonDashboardServlet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard sits under the actuator base path only where actuator's own exposure and port say so. */
class DashboardAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PerfMonAutoConfiguration.class, PerfMonEndpointAutoConfiguration.class,
                    PerfMonDashboardAutoConfiguration.class))
            .withUserConfiguration(Registry.class)
            .withPropertyValues("perfmon.jdbc.enabled=false");

    @Test
    void theDashboardIsMappedUnderTheEndpointWhenTheEndpointIsExposedOverTheWeb() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=perfmon").run(context -> {
            assertThat(context).hasNotFailed().hasBean(PerfMonDashboardAutoConfiguration.BEAN_NAME);
            assertThat(registration(context.getBean(PerfMonDashboardAutoConfiguration.BEAN_NAME)).getUrlMappings())
                    .containsExactly("/actuator/perfmon/dashboard/*");
        });
    }

    @Test
    void itFollowsACustomActuatorBasePath() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=perfmon",
                "management.endpoints.web.base-path=/manage/").run(context ->
                assertThat(registration(context.getBean(PerfMonDashboardAutoConfiguration.BEAN_NAME)).getUrlMappings())
                        .containsExactly("/manage/perfmon/dashboard/*"));
    }

    @Test
    void noDashboardWhenTheEndpointIsNotExposedOverTheWeb() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(PerfMonDashboardAutoConfiguration.BEAN_NAME));
        runner.withPropertyValues("management.endpoints.jmx.exposure.include=perfmon", "spring.jmx.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(PerfMonDashboardAutoConfiguration.BEAN_NAME));
    }

    @Test
    void noDashboardOnTheApplicationsPortWhenActuatorHasAPortOfItsOwn() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=perfmon", "management.server.port=0")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(PerfMonDashboardAutoConfiguration.BEAN_NAME));
    }

    @Test
    void dashboardEnabledFalseAndTheApplicationsOwnBeanBothWin() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=perfmon", "perfmon.dashboard.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PerfMonDashboardAutoConfiguration.BEAN_NAME));
        runner.withPropertyValues("management.endpoints.web.exposure.include=perfmon")
                .withUserConfiguration(OwnDashboard.class)
                .run(context -> assertThat(registration(context.getBean(PerfMonDashboardAutoConfiguration.BEAN_NAME))
                        .getUrlMappings()).containsExactly("/ops/perfmon/*"));
    }

    @SuppressWarnings("unchecked")
    private static ServletRegistrationBean<PerfMonDashboardServlet> registration(Object bean) {
        return (ServletRegistrationBean<PerfMonDashboardServlet>) bean;
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDashboard {
        @Bean(PerfMonDashboardAutoConfiguration.BEAN_NAME)
        ServletRegistrationBean<PerfMonDashboardServlet> perfMonDashboardServlet() {
            return new ServletRegistrationBean<>(new PerfMonDashboardServlet(), "/ops/perfmon/*");
        }
    }
}
