package dev.perfmon.jdbc.orm;

import dev.perfmon.jdbc.hibernate.HibernateNPlusOne;
import dev.perfmon.jdbc.hibernate.Probes;
import dev.perfmon.testsupport.LogCapture;
import dev.perfmon.testsupport.TestDatabase;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a Hibernate whose API lacks something the listeners link to, nothing of perfmon's is
 * registered and one INFO line, without a stack trace, says what is missing, however many
 * session factories are built.
 */
class HibernateDegradedModeTest {

    @AfterEach
    void probeTheRealHibernateAgain() {
        Probes.reset();
    }

    @Test
    void missingApiRegistersNothingAndLogsOneInfoLine() {
        Probes.simulateMissing("9.0.0.Final", "org.hibernate.event.spi.LoadEvent.getEntityId()Ljava/lang/Object;");
        List<LogRecord> records;
        try (LogCapture log = LogCapture.everyLevel("dev.perfmon");
             SessionFactory first = build(); SessionFactory second = build()) {
            HibernateNPlusOne.register(first);
            assertThat(HibernateNPlusOne.isSupported()).isFalse();
            assertThat(perfmonListeners(first)).isZero();
            assertThat(perfmonListeners(second)).isZero();
            records = log.records();
        }
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.INFO);
            assertThat(record.getThrown()).isNull();
            assertThat(record.getMessage()).isEqualTo("perfmon: Hibernate 9.0.0.Final is not supported for N+1"
                    + " association names (org.hibernate.event.spi.LoadEvent.getEntityId()Ljava/lang/Object; is"
                    + " missing); N+1 findings stay SQL-only (statement, counts, call site). Supported: Hibernate 6.6"
                    + " and 7.0 to 7.4.");
        });
    }

    private static SessionFactory build() {
        Configuration configuration = new Configuration().addAnnotatedClass(User.class).addAnnotatedClass(Post.class)
                .addAnnotatedClass(Comment.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, Blog.on(TestDatabase.h2()).pool);
        return configuration.buildSessionFactory();
    }

    private static long perfmonListeners(SessionFactory factory) {
        SessionFactoryImplementor implementor = factory.unwrap(SessionFactoryImplementor.class);
        long count = 0;
        for (EventType<?> type : List.of(EventType.LOAD, EventType.INIT_COLLECTION)) {
            count += StreamSupport.stream(implementor.getEventListenerRegistry().getEventListenerGroup(type)
                    .listeners().spliterator(), false)
                    .filter(l -> l.getClass().getName().startsWith("dev.perfmon.")).count();
        }
        return count;
    }
}
