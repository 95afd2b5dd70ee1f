package dev.perfmon.jdbc.hibernate;

import dev.perfmon.core.PerfMon;
import dev.perfmon.jdbc.PerfMonDataSource;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the listeners of one session factory report their own failures. The {@link PerfMon} is
 * the one of the {@link PerfMonDataSource} Hibernate gets its connections from, found when a
 * failure happens (the data source behind a session factory can change, as with Spring's
 * delegating proxies): the failure is counted there as
 * {@code perfmon.internal.errors{component="jdbc.hibernate-listener"}} and its first occurrence
 * logged. When Hibernate does not use perfmon's decorator (perfmon-jdbc is on the class path but
 * not wired), nobody consumes the names: failures are counted here and the first one is logged at
 * DEBUG, in one line without a stack trace. Never throws.
 */
final class ListenerFailures {

    /** The {@code component} tag of the listeners' failures. */
    static final String COMPONENT = "jdbc.hibernate-listener";

    private static final System.Logger LOG = System.getLogger("dev.perfmon.jdbc.hibernate");

    private final SessionFactoryImplementor factory;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicBoolean logged = new AtomicBoolean();

    ListenerFailures(SessionFactoryImplementor factory) {
        this.factory = factory;
    }

    /** Counts and (the first time) logs {@code failure}, on the decorator's {@link PerfMon} when there is one. */
    void record(Throwable failure) {
        try {
            PerfMon perfMon = perfMon();
            if (perfMon != null) {
                perfMon.recordFailure(COMPONENT, failure);
                return;
            }
            unreported.incrementAndGet();
            if (logged.compareAndSet(false, true) && LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "perfmon: failure naming a Hibernate load for N+1 findings ("
                        + failure + "); contained; Hibernate's data source is not a PerfMonDataSource, so nothing"
                        + " uses the name and further failures are not logged");
            }
        } catch (RuntimeException | LinkageError ignored) {
            // Reporting a failure must never fail Hibernate's load.
        }
    }

    /** @return failures recorded while Hibernate's data source was not perfmon's decorator */
    long unreported() {
        return unreported.get();
    }

    /** @return the {@link PerfMon} of the decorator Hibernate gets connections from, or {@code null} */
    private @Nullable PerfMon perfMon() {
        try {
            ConnectionProvider provider = factory.getServiceRegistry().getService(ConnectionProvider.class);
            if (provider == null || !provider.isUnwrappableAs(DataSource.class)) {
                return null;
            }
            DataSource dataSource = provider.unwrap(DataSource.class);
            if (dataSource != null && dataSource.isWrapperFor(PerfMonDataSource.class)) {
                return dataSource.unwrap(PerfMonDataSource.class).perfMon();
            }
        } catch (SQLException | RuntimeException | LinkageError e) {
            return null;
        }
        return null;
    }
}
