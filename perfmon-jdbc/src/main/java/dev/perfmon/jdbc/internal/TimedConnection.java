package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import dev.perfmon.jdbc.codegen.GenerateDelegating;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link Connection} whose statements come back as timed wrappers (each overload that makes
 * one hands it to a {@code wrapped} hook here); everything else goes straight to the pool's or
 * driver's connection ({@link DelegatingConnection}, written at build time from the
 * {@code java.sql} interface).
 */
@GenerateDelegating(value = Connection.class,
        wrapReturned = {Statement.class, PreparedStatement.class, CallableStatement.class})
public final class TimedConnection implements DelegatingConnection {

    final Connection delegate;
    final JdbcMonitor monitor;
    /**
     * The array last created here ({@link #createArrayOf}), in a holder of its own: a connection
     * wrapper is allocated per borrow and most never create an array, so the three fields would
     * cost 16 bytes on every borrow.
     */
    private @Nullable LastArray lastArray;

    /**
     * @param delegate the connection from the wrapped DataSource
     * @param monitor the data source's shared instrumentation
     */
    public TimedConnection(Connection delegate, JdbcMonitor monitor) {
        this.delegate = delegate;
        this.monitor = monitor;
    }

    // ---- statements come back wrapped, from every overload that makes one ------------------

    @Override
    public Statement wrapped(Statement answer) {
        return new TimedStatement(answer, this);
    }

    /** Analysed once here, at prepare time: fingerprint, type, paging placeholders. */
    @Override
    public PreparedStatement wrapped(PreparedStatement answer, String sql) {
        return new TimedPreparedStatement(answer, this, monitor.sqlInfo(sql));
    }

    @Override
    public CallableStatement wrapped(CallableStatement answer, String sql) {
        return new TimedCallableStatement(answer, this, monitor.sqlInfo(sql));
    }

    /**
     * Closes the pool's or driver's connection, which closes the statements still open on it (JDBC
     * asks that of a connection; pools do it when a connection goes back), so their parameter
     * slots go back to this thread's spares too.
     */
    @Override
    public void close() throws SQLException {
        delegate.close();
        ParameterSpares.giveBackAll(this);
    }

    /** @return the pool's or driver's connection */
    @Override
    public Connection delegate() {
        return delegate;
    }

    @Override
    public String toString() {
        return "Timed[" + delegate + ']';
    }

    // ---- arrays are remembered for the setArray that follows --------------------------------

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        Array array = delegate.createArrayOf(typeName, elements);
        // Remembered for the setArray that usually follows: how many keys it carries, and their hash.
        lastArray = new LastArray(array, ParameterHashes.nonNullElements(elements), ParameterHashes.ofObject(elements));
        return array;
    }

    /** @return the non-null elements of {@code array} when it was the last one created here, else 0 */
    int arrayKeys(@Nullable Array array) {
        LastArray last = lastArray;
        return array != null && last != null && array == last.array ? last.keys : 0;
    }

    /** @return a hash of the elements of {@code array} when it was the last one created here, else of its identity */
    long arrayHash(@Nullable Array array) {
        LastArray last = lastArray;
        return array != null && last != null && array == last.array ? last.hash : ParameterHashes.ofObject(array);
    }

    /** An array created here, its non-null elements and its elements' hash. */
    private record LastArray(Array array, int keys, long hash) {
    }
}
