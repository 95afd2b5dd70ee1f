package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.servlet.dashboard.PerfMonDashboardServlet;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The dashboard page under the actuator base path, {@code /actuator/perfmon/dashboard/}, beside
 * the {@code perfmon} endpoint: registered only when that endpoint is exposed over the web and
 * actuator shares the application's port, so it sits behind whatever security the application has
 * for actuator (Spring Security's {@code EndpointRequest.to("perfmon")} and
 * {@code toAnyEndpoint()} match the endpoint's path and everything under it). The page's own
 * loopback-only rule is therefore off here: who may read it is actuator's decision.
 */
@AutoConfiguration(after = PerfMonEndpointAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ServletRegistrationBean.class, PerfMonDashboardServlet.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(PerfReporter.class)
@ConditionalOnManagementPort(ManagementPortType.SAME)
@ConditionalOnProperty(prefix = "perfmon.dashboard", name = "enabled", matchIfMissing = true)
public class PerfMonDashboardAutoConfiguration {

    /** The servlet registration's bean name; define a bean of this name to replace it. */
    public static final String BEAN_NAME = "perfMonDashboardServlet";

    /**
     * @return the dashboard servlet, mapped under the endpoint's path
     */
    @Bean(BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    @ConditionalOnAvailableEndpoint(endpoint = PerfMonEndpoint.class, exposure = EndpointExposure.WEB)
    public ServletRegistrationBean<PerfMonDashboardServlet> perfMonDashboardServlet(PerfReporter reporter,
                                                                                   Environment environment) {
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        String prefix = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/perfmon/dashboard";
        PerfMonDashboardServlet servlet = PerfMonDashboardServlet.builder(reporter).allowAnyClient().build();
        ServletRegistrationBean<PerfMonDashboardServlet> registration = new ServletRegistrationBean<>(servlet,
                prefix + "/*");
        registration.setName(PerfMonDashboardServlet.SERVLET_NAME);
        return registration;
    }
}
