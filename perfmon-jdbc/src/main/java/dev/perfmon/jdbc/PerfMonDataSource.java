package dev.perfmon.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.internal.Require;
import dev.perfmon.jdbc.codegen.GenerateDelegating;
import dev.perfmon.jdbc.internal.JdbcMonitor;
import dev.perfmon.jdbc.internal.PendingAcquisition;
import dev.perfmon.jdbc.internal.PendingAcquisitionsLink;
import dev.perfmon.jdbc.internal.PoolWaitRecorder;
import dev.perfmon.jdbc.internal.TimedConnection;
import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.ShardingKeyBuilder;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * A {@link DataSource} decorator that times every SQL round trip and finds N+1 and duplicate
 * statements per request scope. Wrap the pool (or any DataSource) once and hand the result to
 * the application, the ORM or the framework:
 *
 * <pre>{@code
 * DataSource dataSource = PerfMonDataSource.builder(hikari, perfMon)
 *         .name("main")                               // the datasource tag
 *         .nPlusOne(NPlusOneConfig.defaults())
 *         .build();
 * }</pre>
 *
 * <p>Per round trip (a batch is one): {@code jdbc.query{datasource,type,outcome}}, the scope's
 * {@code db.query} segment and statement count. {@code getConnection} time goes into the
 * scope's {@code db.pool} segment, unless the pool monitor already records it; over a pool
 * instrumented by {@link dev.perfmon.jdbc.pool.PerfMonPoolMonitor} for the same {@link PerfMon},
 * each call in progress is also registered (route and start, in a record preallocated per
 * thread), so an exhaustion snapshot names the routes still waiting. When a scope
 * closes, its statements are analysed and each finding is counted
 * ({@code perfmon.nplusone{uri,datasource}}, {@code perfmon.duplicate.query{uri,datasource}})
 * and published as {@link NPlusOneDetected} or {@link DuplicateQuery}.
 *
 * <p>The connection and statement wrappers are plain delegating classes. Driver exceptions pass
 * through unchanged (and count with {@code outcome=error}); perfmon's own failures are contained
 * and counted as {@code perfmon.internal.errors{component=jdbc}}. {@code unwrap} reaches the
 * wrapped objects ({@code unwrap(HikariDataSource.class)}). Wrapping a DataSource that is
 * already decorated for the same {@link PerfMon} adds a pass-through layer: nothing is counted
 * twice.
 *
 * <p>Result sets are not wrapped: {@code ResultSet.getStatement()} returns the driver's statement.
 */
public final class PerfMonDataSource implements DataSource {

    /** The {@code datasource} tag when no name is given and the target is not a named HikariCP pool. */
    public static final String DEFAULT_NAME = "default";

    private final DataSource delegate;
    private final PerfMon perfMon;
    private final String name;
    private final NPlusOneConfig nPlusOne;
    /** {@code null} in a pass-through layer over an already decorated DataSource. */
    private final @Nullable JdbcMonitor monitor;

    private PerfMonDataSource(Builder builder, @Nullable PerfMonDataSource inner) {
        this.delegate = builder.delegate;
        this.perfMon = builder.perfMon;
        if (inner != null) {
            this.name = inner.name;
            this.nPlusOne = inner.nPlusOne;
            this.monitor = null;
        } else {
            this.name = builder.name != null ? builder.name : defaultName(builder.delegate);
            this.nPlusOne = builder.nPlusOne;
            this.monitor = new JdbcMonitor(perfMon, name, nPlusOne, builder.sqlCacheSize,
                    !PoolWaitRecorder.recordsPoolWait(builder.delegate),
                    PendingAcquisitionsLink.of(builder.delegate, perfMon));
        }
    }

    /**
     * @param delegate the DataSource to decorate
     * @param perfMon where measurements and findings go
     * @return the decorator with the default name and N+1 settings
     */
    public static PerfMonDataSource wrap(DataSource delegate, PerfMon perfMon) {
        return builder(delegate, perfMon).build();
    }

    /**
     * @param delegate the DataSource to decorate
     * @param perfMon where measurements and findings go
     * @return a builder
     */
    public static Builder builder(DataSource delegate, PerfMon perfMon) {
        return new Builder(delegate, perfMon);
    }

    /** @return the {@code datasource} tag value */
    public String name() {
        return name;
    }

    /** @return the decorated DataSource */
    public DataSource delegate() {
        return delegate;
    }

    /** @return whether this layer instruments; false when it wraps an already decorated DataSource */
    public boolean isInstrumenting() {
        return monitor != null;
    }

    /**
     * @return whether this layer attributes {@code getConnection} time to the scope's
     *     {@code db.pool} segment; false when the HikariCP pool monitor already does, or in a
     *     pass-through layer
     */
    public boolean recordsPoolWait() {
        return monitor != null && monitor.recordsPoolWait();
    }

    /** @return the {@link PerfMon} this decorator reports to */
    public PerfMon perfMon() {
        return perfMon;
    }

    // ---- DataSource --------------------------------------------------------------------------

    @Override
    public Connection getConnection() throws SQLException {
        JdbcMonitor m = monitor;
        if (m == null) {
            return delegate.getConnection();
        }
        long start = m.start();
        RequestScope scope = m.currentScope();
        PendingAcquisition pending = m.acquiring(scope, start);
        Connection connection;
        try {
            connection = delegate.getConnection();
        } finally {
            // A failed or timed-out acquisition waited too.
            m.connectionAcquired(scope, start, pending);
        }
        return new TimedConnection(connection, m);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        JdbcMonitor m = monitor;
        if (m == null) {
            return delegate.getConnection(username, password);
        }
        long start = m.start();
        RequestScope scope = m.currentScope();
        PendingAcquisition pending = m.acquiring(scope, start);
        Connection connection;
        try {
            connection = delegate.getConnection(username, password);
        } finally {
            m.connectionAcquired(scope, start, pending);
        }
        return new TimedConnection(connection, m);
    }

    @Override
    public ConnectionBuilder createConnectionBuilder() throws SQLException {
        ConnectionBuilder target = delegate.createConnectionBuilder();
        JdbcMonitor m = monitor;
        if (m == null) {
            return target;
        }
        return new TimedConnectionBuilder(target, m);
    }

    @Override
    public ShardingKeyBuilder createShardingKeyBuilder() throws SQLException {
        return delegate.createShardingKeyBuilder();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "PerfMonDataSource[" + name + (monitor == null ? ", pass-through" : "") + ", " + delegate + ']';
    }

    private static String defaultName(DataSource delegate) {
        try {
            if (delegate.isWrapperFor(HikariDataSource.class)) {
                String poolName = delegate.unwrap(HikariDataSource.class).getPoolName();
                if (poolName != null && !poolName.isBlank()) {
                    return poolName;
                }
            }
        } catch (SQLException | RuntimeException | LinkageError e) {
            // Fall back to the default name: naming must never stop the decorator.
        }
        return DEFAULT_NAME;
    }

    /**
     * Wraps connections built with the JDBC 4.3 builder API like those from {@code getConnection};
     * its setters pass to the target's builder and return this one ({@code DelegatingConnectionBuilder}).
     */
    @GenerateDelegating(ConnectionBuilder.class)
    private record TimedConnectionBuilder(ConnectionBuilder delegate, JdbcMonitor monitor)
            implements DelegatingConnectionBuilder {

        @Override
        public Connection build() throws SQLException {
            long start = monitor.start();
            RequestScope scope = monitor.currentScope();
            PendingAcquisition pending = monitor.acquiring(scope, start);
            Connection connection;
            try {
                connection = delegate.build();
            } finally {
                monitor.connectionAcquired(scope, start, pending);
            }
            return new TimedConnection(connection, monitor);
        }
    }

    /** Collects the decorator's settings. */
    public static final class Builder {
        private final DataSource delegate;
        private final PerfMon perfMon;
        private @Nullable String name;
        private NPlusOneConfig nPlusOne = NPlusOneConfig.defaults();
        private int sqlCacheSize = 2048;

        private Builder(DataSource delegate, PerfMon perfMon) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            this.perfMon = Objects.requireNonNull(perfMon, "perfMon");
        }

        /**
         * The {@code datasource} tag value: a short fixed name such as {@code main}. Default: the
         * HikariCP pool name when the target is a named pool, else {@value #DEFAULT_NAME}.
         */
        public Builder name(String value) {
            this.name = Require.notBlank("name", value);
            return this;
        }

        /** The N+1 detector's settings; default {@link NPlusOneConfig#defaults()}. */
        public Builder nPlusOne(NPlusOneConfig value) {
            this.nPlusOne = Objects.requireNonNull(value, "nPlusOne");
            return this;
        }

        /** Distinct SQL texts whose analysis is cached, per generation (two are kept), at least 1; default 2048. */
        public Builder sqlCacheSize(int value) {
            this.sqlCacheSize = Require.atLeast("sqlCacheSize", value, 1);
            return this;
        }

        /**
         * @return the decorator; a pass-through layer when the target is already decorated for
         *     the same {@link PerfMon}, so nothing is counted twice
         */
        public PerfMonDataSource build() {
            return new PerfMonDataSource(this, alreadyDecorated(delegate, perfMon));
        }

        private static @Nullable PerfMonDataSource alreadyDecorated(DataSource target, PerfMon perfMon) {
            try {
                if (target.isWrapperFor(PerfMonDataSource.class)) {
                    PerfMonDataSource inner = target.unwrap(PerfMonDataSource.class);
                    if (inner != null && inner.perfMon() == perfMon) {
                        return inner;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // A DataSource that cannot answer is treated as not decorated.
            }
            return null;
        }
    }
}
