package dev.perfmon.jdbc.hibernate;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;

/**
 * Registers {@link HibernateNPlusOne} on every session factory Hibernate builds, unless the
 * setting {@value HibernateNPlusOne#ENABLED_PROPERTY} is {@code false}. Discovered by Hibernate
 * through {@code META-INF/services/org.hibernate.integrator.spi.Integrator}; never instantiate it
 * yourself.
 */
public final class PerfMonHibernateIntegrator implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        Object enabled = sessionFactory.getProperties().get(HibernateNPlusOne.ENABLED_PROPERTY);
        if (enabled != null && "false".equalsIgnoreCase(enabled.toString().trim())) {
            return;
        }
        try {
            HibernateNPlusOne.register(sessionFactory.getEventListenerRegistry(), sessionFactory);
        } catch (RuntimeException | LinkageError e) {
            // Naming causes is optional: a Hibernate version we cannot hook must still boot.
            System.getLogger("dev.perfmon").log(System.Logger.Level.WARNING,
                    "perfmon: Hibernate N+1 association naming unavailable (" + e + "); SQL-based detection still runs");
        }
    }
}
