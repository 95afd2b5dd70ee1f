package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.report.PerfReporter;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.context.annotation.Bean;

/** The {@code perfmon} actuator endpoint, when actuator is present and the endpoint is available (exposed). */
@AutoConfiguration(after = PerfMonAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(PerfReporter.class)
public class PerfMonEndpointAutoConfiguration {

    /** @return the endpoint serving the reporter's report */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public PerfMonEndpoint perfMonEndpoint(PerfReporter reporter) {
        return new PerfMonEndpoint(reporter);
    }
}
