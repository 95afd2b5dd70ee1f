package dev.perfmon.jdbc.hibernate;

import dev.perfmon.jdbc.internal.LoadCauses;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerGroup;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;

import java.util.Objects;

/**
 * Names the Hibernate association behind N+1 findings. Registers listeners for lazy collection
 * initialisation, proxy initialisation and loads by id, which tell the
 * {@link dev.perfmon.jdbc.PerfMonDataSource} what the next statement on the thread is loading
 * ({@code Post.comments}, {@code Comment.author}, {@code find(Post)}) and how to fix it. The SQL
 * round trips stay the ground truth: the listeners only name the cause, and a batched load
 * (via {@code @BatchSize} or {@code hibernate.default_batch_fetch_size}) is recognised as the
 * fix rather than reported.
 *
 * <p>Registration is automatic when perfmon-jdbc and Hibernate are both on the class path
 * ({@link PerfMonHibernateIntegrator}, discovered through {@code META-INF/services}); set
 * {@value #ENABLED_PROPERTY}{@code =false} to turn that off, or call {@link #register} yourself
 * where service discovery is unavailable. Registering twice has no further effect. Nothing in
 * perfmon loads a Hibernate class unless Hibernate is in use.
 */
public final class HibernateNPlusOne {

    /** Hibernate setting that disables the automatic registration when {@code false}. */
    public static final String ENABLED_PROPERTY = "perfmon.hibernate.enabled";

    private HibernateNPlusOne() {
    }

    /**
     * Registers the listeners on a session factory; idempotent.
     *
     * @param sessionFactory the session factory (or an {@code EntityManagerFactory} unwrapped to it)
     */
    public static void register(SessionFactory sessionFactory) {
        SessionFactoryImplementor factory = Objects.requireNonNull(sessionFactory, "sessionFactory")
                .unwrap(SessionFactoryImplementor.class);
        register(factory.getEventListenerRegistry(), factory);
    }

    static synchronized void register(EventListenerRegistry registry, SessionFactoryImplementor factory) {
        EventListenerGroup<?> collections = registry.getEventListenerGroup(EventType.INIT_COLLECTION);
        for (Object listener : collections.listeners()) {
            if (listener instanceof LoadCauseListener) {
                return;
            }
        }
        LoadCauseListener naming = new LoadCauseListener(new Associations(factory), new ListenerFailures(factory));
        LoadCauseClearer clearing = new LoadCauseClearer();
        registry.getEventListenerGroup(EventType.INIT_COLLECTION).prependListener(naming);
        registry.getEventListenerGroup(EventType.INIT_COLLECTION).appendListener(clearing);
        registry.getEventListenerGroup(EventType.LOAD).prependListener(naming);
        registry.getEventListenerGroup(EventType.LOAD).appendListener(clearing);
        LoadCauses.install();
    }

    /** @return whether the listeners are registered on the session factory */
    public static boolean isRegistered(SessionFactory sessionFactory) {
        SessionFactoryImplementor factory = sessionFactory.unwrap(SessionFactoryImplementor.class);
        for (Object listener : factory.getEventListenerRegistry()
                .getEventListenerGroup(EventType.INIT_COLLECTION).listeners()) {
            if (listener instanceof LoadCauseListener) {
                return true;
            }
        }
        return false;
    }
}
