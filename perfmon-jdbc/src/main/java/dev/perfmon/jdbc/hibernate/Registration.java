package dev.perfmon.jdbc.hibernate;

import dev.perfmon.jdbc.internal.LoadCauses;
import dev.perfmon.jdbc.internal.UniqueKeyLoads;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerGroup;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;

/**
 * Adds perfmon's listeners to a session factory. Only reached once {@link HibernateSupport} has
 * found that this class and the listeners link against the Hibernate on the class path; uses
 * only what Hibernate 6.6 and 7.x share (the event listener registry is reached through the
 * service registry, as both lines allow).
 */
final class Registration {

    private Registration() {
    }

    static SessionFactoryImplementor implementor(SessionFactory sessionFactory) {
        return sessionFactory.unwrap(SessionFactoryImplementor.class);
    }

    /** @return whether the setting {@value HibernateNPlusOne#ENABLED_PROPERTY} turns the automatic registration off */
    static boolean disabled(SessionFactoryImplementor factory) {
        Object enabled = factory.getProperties().get(HibernateNPlusOne.ENABLED_PROPERTY);
        return enabled != null && "false".equalsIgnoreCase(enabled.toString().trim());
    }

    static synchronized void register(SessionFactoryImplementor factory) {
        EventListenerRegistry registry = listeners(factory);
        if (isRegistered(registry)) {
            return;
        }
        ListenerFailures failures = new ListenerFailures(factory);
        LoadCauseListener naming = new LoadCauseListener(new Associations(factory), failures);
        LoadCauseClearer clearing = new LoadCauseClearer();
        registry.getEventListenerGroup(EventType.INIT_COLLECTION).prependListener(naming);
        registry.getEventListenerGroup(EventType.INIT_COLLECTION).appendListener(clearing);
        registry.getEventListenerGroup(EventType.LOAD).prependListener(naming);
        registry.getEventListenerGroup(EventType.LOAD).appendListener(clearing);
        LoadCauses.install();
        // Read when first needed: the metamodel is not complete while integrators run.
        UniqueKeyLoads.register(() -> InverseOneToOnes.scan(factory, failures));
    }

    static boolean isRegistered(SessionFactoryImplementor factory) {
        return isRegistered(listeners(factory));
    }

    private static boolean isRegistered(EventListenerRegistry registry) {
        EventListenerGroup<?> collections = registry.getEventListenerGroup(EventType.INIT_COLLECTION);
        for (Object listener : collections.listeners()) {
            if (listener instanceof LoadCauseListener) {
                return true;
            }
        }
        return false;
    }

    private static EventListenerRegistry listeners(SessionFactoryImplementor factory) {
        return factory.getServiceRegistry().getService(EventListenerRegistry.class);
    }
}
