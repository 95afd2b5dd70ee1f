package dev.perfmon.jdbc.hibernate;

/** Lets tests outside this package put the Hibernate integration in its degraded mode. */
public final class Probes {

    private Probes() {
    }

    /** Makes the integration behave as on a Hibernate where {@code missing} does not exist. */
    public static void simulateMissing(String version, String missing) {
        HibernateSupport.replace(new HibernateSupport(version, missing));
    }

    /** Forgets any simulated result: the next use probes the real Hibernate again. */
    public static void reset() {
        HibernateSupport.replace(null);
    }
}
