package dev.perfmon.jdbc.hibernate;

import org.jspecify.annotations.Nullable;

/**
 * What the Hibernate on the class path lets perfmon do, probed once per class loader when the
 * integration first starts: whether every Hibernate class, field and method that the listeners
 * and the registration link to exists there with the signature perfmon was compiled against
 * ({@link Linkage}). Reflection runs here only, never per event. When something is missing,
 * association names are off: N+1 findings stay SQL-only (fingerprint, counts, call site), and one
 * INFO line says why, once per class loader. No {@code Error} and no stack trace reach the log.
 */
final class HibernateSupport {

    /** The logger of the one line written when association names are unavailable. */
    static final String LOGGER = "dev.perfmon.jdbc.hibernate";

    /** Everything that runs inside Hibernate: these must all link, or nothing is registered. */
    static final String[] NAMING = {
        "dev.perfmon.jdbc.hibernate.Registration",
        "dev.perfmon.jdbc.hibernate.LoadCauseListener",
        "dev.perfmon.jdbc.hibernate.LoadCauseClearer",
        "dev.perfmon.jdbc.hibernate.Associations",
        "dev.perfmon.jdbc.hibernate.ToOnes",
        "dev.perfmon.jdbc.hibernate.ToOnes$ToOne",
        "dev.perfmon.jdbc.hibernate.ProxyOwners",
        "dev.perfmon.jdbc.hibernate.InverseOneToOnes",
        "dev.perfmon.jdbc.hibernate.ListenerFailures",
    };

    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static volatile @Nullable HibernateSupport probed;

    private final String version;
    private final @Nullable String missing;
    private boolean logged;

    HibernateSupport(String version, @Nullable String missing) {
        this.version = version;
        this.missing = missing;
    }

    /** @return the probe of this class loader's Hibernate, run on first use */
    static HibernateSupport get() {
        HibernateSupport support = probed;
        if (support == null) {
            synchronized (HibernateSupport.class) {
                support = probed;
                if (support == null) {
                    ClassLoader loader = HibernateSupport.class.getClassLoader();
                    support = probe(loader, NAMING);
                    probed = support;
                }
            }
        }
        return support;
    }

    /** Runs the probe for {@code classes} against {@code loader}'s Hibernate. */
    static HibernateSupport probe(ClassLoader loader, String... classes) {
        String missing;
        try {
            missing = new Linkage(loader, Linkage.HIBERNATE).missing(classes);
        } catch (RuntimeException | LinkageError e) {
            missing = "probe failed: " + e;
        }
        return new HibernateSupport(version(loader), missing);
    }

    /** Replaces the probe result of this class loader; for tests of the degraded mode. */
    static void replace(HibernateSupport support) {
        synchronized (HibernateSupport.class) {
            probed = support;
        }
    }

    /** @return whether association names can run on this Hibernate */
    boolean namesAssociations() {
        return missing == null;
    }

    /** @return the Hibernate version string, or {@code "unknown"} */
    String version() {
        return version;
    }

    /** @return the first missing class or member, or {@code null} when nothing is */
    @Nullable String missing() {
        return missing;
    }

    /**
     * Writes the one INFO line saying association names are off, the first time it is called on
     * this probe; later calls write nothing.
     */
    void logUnavailable() {
        logOnce(missing + " is missing");
    }

    /** Like {@link #logUnavailable()}, for a failure the probe did not foresee (its type and message, no stack trace). */
    void logFailure(Throwable failure) {
        logOnce("registration failed: " + failure);
    }

    private void logOnce(String reason) {
        synchronized (this) {
            if (logged) {
                return;
            }
            logged = true;
        }
        try {
            LOG.log(System.Logger.Level.INFO, "perfmon: Hibernate " + version + " is not supported for N+1 association"
                    + " names (" + reason + "); N+1 findings stay SQL-only (statement, counts, call site)."
                    + " Supported: Hibernate 6.6 and 7.0 to 7.4.");
        } catch (RuntimeException | LinkageError ignored) {
            // A logging backend that fails must not fail Hibernate's bootstrap.
        }
    }

    private static String version(ClassLoader loader) {
        try {
            Object version = Class.forName("org.hibernate.Version", false, loader).getMethod("getVersionString")
                    .invoke(null);
            return version == null ? "unknown" : version.toString();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "unknown";
        }
    }
}
