package dev.perfmon.jdbc.hibernate;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Registers {@link HibernateNPlusOne} on every session factory Hibernate builds, unless the
 * setting {@value HibernateNPlusOne#ENABLED_PROPERTY} is {@code false}: then it returns before
 * any other perfmon code runs (no probe, no listener). Discovered by Hibernate
 * through {@code META-INF/services/org.hibernate.integrator.spi.Integrator}; never instantiate it
 * yourself.
 *
 * <p>This class links against every Hibernate from 6.6 on: it calls nothing of Hibernate's before
 * the one-time probe ({@link HibernateSupport}) has found that the listeners fit, and it
 * implements {@code disintegrate}, which Hibernate 6 declares abstract. Nothing it does can fail
 * Hibernate's bootstrap or shutdown.
 */
public final class PerfMonHibernateIntegrator implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        if (disabled(sessionFactory)) {
            // Switched off (a Spring Boot application with perfmon off sets it): nothing of perfmon's
            // runs in this session factory, not even the one-time probe.
            return;
        }
        try {
            HibernateSupport support = HibernateSupport.get();
            if (!support.namesAssociations()) {
                support.logUnavailable();
                return;
            }
            Registration.register(sessionFactory);
        } catch (RuntimeException | LinkageError e) {
            // The probe makes this unreachable on a Hibernate it accepts; naming stays optional.
            HibernateSupport.get().logFailure(e);
        }
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // Nothing to undo: the listeners go with the session factory.
    }

    /**
     * Reads the setting before anything else, on any Hibernate (it uses only what 6.6 and 7.x
     * share): a failure counts as "not disabled".
     */
    private static boolean disabled(SessionFactoryImplementor sessionFactory) {
        try {
            return Registration.disabled(sessionFactory);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
