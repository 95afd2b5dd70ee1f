package dev.perfmon.spring.boot.autoconfigure.internal;

import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Applies {@link HibernateOffSetting} on Spring Boot 3, which only runs environment
 * post-processors of the interface Boot 4 deprecated. Boot 4 runs this one too, after
 * {@link HibernateSwitch}; it then finds the setting made and does nothing.
 */
@SuppressWarnings("removal")
public final class Boot3HibernateSwitch implements org.springframework.boot.env.EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        HibernateOffSetting.apply(environment);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
