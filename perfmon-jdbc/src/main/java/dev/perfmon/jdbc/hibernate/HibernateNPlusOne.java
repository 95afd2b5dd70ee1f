package dev.perfmon.jdbc.hibernate;

import org.hibernate.SessionFactory;

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
 *
 * <p>Supported: Hibernate 6.6 and 7.0 to 7.4. Before anything is registered, perfmon checks once
 * that every Hibernate class and method its listeners use exists on the class path with the
 * signature it was compiled against. On a Hibernate where that fails, nothing is registered,
 * findings stay SQL-only, and one INFO line (logger {@code dev.perfmon.jdbc.hibernate}) says what
 * is missing.
 */
public final class HibernateNPlusOne {

    /** Hibernate setting that disables the automatic registration when {@code false}. */
    public static final String ENABLED_PROPERTY = "perfmon.hibernate.enabled";

    private HibernateNPlusOne() {
    }

    /**
     * Registers the listeners on a session factory; idempotent. On a Hibernate version perfmon
     * cannot use, registers nothing and logs one INFO line (once per class loader).
     *
     * @param sessionFactory the session factory (or an {@code EntityManagerFactory} unwrapped to it)
     */
    public static void register(SessionFactory sessionFactory) {
        Objects.requireNonNull(sessionFactory, "sessionFactory");
        HibernateSupport support = HibernateSupport.get();
        if (!support.namesAssociations()) {
            support.logUnavailable();
            return;
        }
        Registration.register(Registration.implementor(sessionFactory));
    }

    /** @return whether the listeners are registered on the session factory */
    public static boolean isRegistered(SessionFactory sessionFactory) {
        return HibernateSupport.get().namesAssociations()
                && Registration.isRegistered(Registration.implementor(sessionFactory));
    }

    /** @return whether association names work on the Hibernate of this class path (probed once) */
    public static boolean isSupported() {
        return HibernateSupport.get().namesAssociations();
    }
}
