package dev.perfmon.jdbc.orm;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.internal.LoadCauses;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A failure inside perfmon's Hibernate listener never reaches Hibernate: it is counted on the
 * {@link PerfMon} of the decorator Hibernate uses ({@code perfmon.internal.errors}) and logged
 * once; without the decorator nothing uses the names, so the failure is only a DEBUG line. The
 * failure here is a load by id of an entity name Hibernate does not map.
 */
class HibernateListenerFailureTest {

    private static final String COMPONENT = "jdbc.hibernate-listener";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private Blog blog;

    @AfterEach
    void tearDown() {
        if (blog != null) {
            blog.use(blog.pool);
        }
        perfMon.close();
    }

    @Test
    void aListenerFailureIsCountedOnThePerfMonOfTheDecoratorHibernateUses() {
        blog = Blog.on(TestDatabase.h2());
        blog.use(PerfMonDataSource.builder(blog.pool, perfMon).name("main").build());

        try (Session session = blog.sessions.openSession()) {
            LoadEventListener listener = perfmonListener(blog.sessions);
            LoadEvent unmapped = new LoadEvent(1L, "com.acme.NotMapped", false, (EventSource) session, null);
            assertThatCode(() -> listener.onLoad(unmapped, LoadEventListener.GET)).doesNotThrowAnyException();
            assertThatCode(() -> listener.onLoad(unmapped, LoadEventListener.GET)).doesNotThrowAnyException();
        }

        assertThat(perfMon.failureCount(COMPONENT)).isEqualTo(2);
        assertThat(registry.get("perfmon.internal.errors").tag("component", COMPONENT).counter().count()).isEqualTo(2);
        assertThat(LoadCauses.peek()).as("no stale cause is left for the next statement").isNull();
    }

    @Test
    void withoutTheDecoratorAListenerFailureIsLoggedOnceAtDebugWithoutAStackTrace() {
        Configuration configuration = new Configuration().addAnnotatedClass(User.class).addAnnotatedClass(Post.class)
                .addAnnotatedClass(Comment.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, Blog.on(TestDatabase.h2()).pool);
        try (CapturedLog log = new CapturedLog("dev.perfmon.jdbc.hibernate");
             SessionFactory factory = configuration.buildSessionFactory();
             Session session = factory.openSession()) {
            LoadEventListener listener = perfmonListener(factory);
            LoadEvent unmapped = new LoadEvent(1L, "com.acme.NotMapped", false, (EventSource) session, null);
            assertThatCode(() -> listener.onLoad(unmapped, LoadEventListener.GET)).doesNotThrowAnyException();
            assertThatCode(() -> listener.onLoad(unmapped, LoadEventListener.GET)).doesNotThrowAnyException();

            assertThat(log.records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.FINE);
                assertThat(record.getMessage()).startsWith("perfmon: failure naming a Hibernate load")
                        .doesNotContain("\n");
                assertThat(record.getThrown()).isNull();
            });
        }
        assertThat(perfMon.failureCount(COMPONENT)).isZero();
    }

    /** @return perfmon's naming listener, the first of the LOAD group */
    private static LoadEventListener perfmonListener(SessionFactory factory) {
        for (Object listener : factory.unwrap(SessionFactoryImplementor.class).getEventListenerRegistry()
                .getEventListenerGroup(EventType.LOAD).listeners()) {
            if (listener.getClass().getName().equals("dev.perfmon.jdbc.hibernate.LoadCauseListener")) {
                return (LoadEventListener) listener;
            }
        }
        throw new AssertionError("perfmon's listener is not registered");
    }

    /** Collects what a JUL logger (the default System.Logger backend) writes. */
    private static final class CapturedLog extends Handler implements AutoCloseable {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger logger;
        private final Level previous;

        CapturedLog(String name) {
            logger = Logger.getLogger(name);
            previous = logger.getLevel();
            logger.setLevel(Level.ALL);
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }
    }
}
