package dev.perfmon.spring.boot.autoconfigure.internal;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Keeps perfmon out of Hibernate when perfmon, its JDBC part or its Hibernate part is off
 * ({@code perfmon.enabled}, {@code perfmon.jdbc.enabled}, {@code perfmon.jdbc.hibernate.enabled}
 * false): perfmon-jdbc's integrator is loaded by Hibernate itself, whatever Spring does, and only
 * a Hibernate setting stops it. This adds {@code spring.jpa.properties.perfmon.hibernate.enabled=false},
 * which Boot passes to Hibernate, so the integrator returns before touching anything. An explicit
 * {@code spring.jpa.properties.perfmon.hibernate.enabled} wins.
 */
public final class HibernateSwitch implements EnvironmentPostProcessor, Ordered {

    /** The Hibernate setting perfmon-jdbc's integrator reads (HibernateNPlusOne.ENABLED_PROPERTY), as Boot passes it. */
    static final String JPA_PROPERTY = "spring.jpa.properties.perfmon.hibernate.enabled";

    /** The name of the property source added. */
    static final String SOURCE = "perfmonHibernateSwitch";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean on = on(environment, "perfmon.enabled") && on(environment, "perfmon.jdbc.enabled")
                && on(environment, "perfmon.jdbc.hibernate.enabled");
        if (!on && !environment.containsProperty(JPA_PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(JPA_PROPERTY, "false")));
        }
    }

    private static boolean on(ConfigurableEnvironment environment, String property) {
        return !"false".equalsIgnoreCase(environment.getProperty(property, "true").trim());
    }

    /** After the config files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
