package dev.perfmon.spring.boot.autoconfigure.internal;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Tells perfmon-jdbc's Hibernate integrator to stand down when perfmon, its JDBC part or its
 * Hibernate part is off ({@code perfmon.enabled}, {@code perfmon.jdbc.enabled},
 * {@code perfmon.jdbc.hibernate.enabled} false): Hibernate loads the integrator itself, whatever
 * Spring does, and only a Hibernate setting stops it. Adds
 * {@code spring.jpa.properties.perfmon.hibernate.enabled=false}, which Boot passes to Hibernate,
 * so the integrator returns before any perfmon code runs. An explicit setting wins. Applied by
 * the environment post-processor of each Boot line ({@link HibernateSwitch}, {@link Boot3HibernateSwitch}).
 */
final class HibernateOffSetting {

    /** The Hibernate setting perfmon-jdbc's integrator reads (HibernateNPlusOne.ENABLED_PROPERTY), as Boot passes it. */
    static final String JPA_PROPERTY = "spring.jpa.properties.perfmon.hibernate.enabled";

    /** The name of the property source added. */
    static final String SOURCE = "perfmonHibernateSwitch";

    private HibernateOffSetting() {
    }

    static void apply(ConfigurableEnvironment environment) {
        boolean on = on(environment, "perfmon.enabled") && on(environment, "perfmon.jdbc.enabled")
                && on(environment, "perfmon.jdbc.hibernate.enabled");
        if (!on && !environment.containsProperty(JPA_PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(JPA_PROPERTY, "false")));
        }
    }

    private static boolean on(ConfigurableEnvironment environment, String property) {
        return !"false".equalsIgnoreCase(environment.getProperty(property, "true").trim());
    }
}
