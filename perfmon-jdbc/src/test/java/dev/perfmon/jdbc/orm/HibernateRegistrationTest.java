package dev.perfmon.jdbc.orm;

import dev.perfmon.jdbc.hibernate.HibernateNPlusOne;
import dev.perfmon.testsupport.TestDatabase;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.EventType;
import org.junit.jupiter.api.Test;

import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The Hibernate listeners register themselves through the service loader, once, unless turned off. */
class HibernateRegistrationTest {

    private static long ourListeners(SessionFactory factory, EventType<?> type) {
        Iterable<?> listeners = factory.unwrap(SessionFactoryImplementor.class).getEventListenerRegistry()
                .getEventListenerGroup(type).listeners();
        return StreamSupport.stream(listeners.spliterator(), false)
                .filter(l -> l.getClass().getName().startsWith("dev.perfmon.jdbc.hibernate."))
                .count();
    }

    @Test
    void serviceLoaderRegistersOnceAndExplicitRegistrationAddsNothing() {
        SessionFactory factory = Blog.on(TestDatabase.h2()).sessions;
        assertThat(HibernateNPlusOne.isRegistered(factory)).isTrue();
        HibernateNPlusOne.register(factory);
        HibernateNPlusOne.register(factory);
        assertThat(ourListeners(factory, EventType.INIT_COLLECTION)).isEqualTo(2);
        assertThat(ourListeners(factory, EventType.LOAD)).isEqualTo(2);
    }

    @Test
    void settingDisablesTheAutomaticRegistrationAndExplicitRegistrationStillWorks() {
        Configuration configuration = new Configuration().addAnnotatedClass(User.class).addAnnotatedClass(Post.class)
                .addAnnotatedClass(Comment.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE,
                Blog.on(TestDatabase.h2()).pool);
        configuration.setProperty(HibernateNPlusOne.ENABLED_PROPERTY, "false");
        try (SessionFactory factory = configuration.buildSessionFactory()) {
            assertThat(HibernateNPlusOne.isRegistered(factory)).isFalse();
            HibernateNPlusOne.register(factory);
            assertThat(HibernateNPlusOne.isRegistered(factory)).isTrue();
            assertThat(ourListeners(factory, EventType.LOAD)).isEqualTo(2);
        }
    }
}
