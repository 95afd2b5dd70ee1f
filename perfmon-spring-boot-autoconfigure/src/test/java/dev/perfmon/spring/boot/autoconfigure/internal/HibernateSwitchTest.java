package dev.perfmon.spring.boot.autoconfigure.internal;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** perfmon's Hibernate integrator is told to stand down whenever perfmon, its JDBC or its Hibernate part is off. */
class HibernateSwitchTest {

    @Test
    void everyOffSwitchTurnsTheIntegratorOff() {
        assertThat(hibernateSetting("perfmon.enabled=false")).isEqualTo("false");
        assertThat(hibernateSetting("perfmon.jdbc.enabled=false")).isEqualTo("false");
        assertThat(hibernateSetting("perfmon.jdbc.hibernate.enabled=FALSE")).isEqualTo("false");
    }

    @Test
    void withPerfmonOnHibernateIsLeftAsConfigured() {
        assertThat(hibernateSetting()).isNull();
        assertThat(hibernateSetting("perfmon.enabled=true", "perfmon.jdbc.enabled=true")).isNull();
    }

    @Test
    void anExplicitHibernateSettingWins() {
        assertThat(hibernateSetting("perfmon.enabled=false", HibernateOffSetting.JPA_PROPERTY + "=true")).isEqualTo("true");
    }

    private static String hibernateSetting(String... properties) {
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, properties);
        new HibernateSwitch().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(HibernateOffSetting.JPA_PROPERTY);
    }
}
