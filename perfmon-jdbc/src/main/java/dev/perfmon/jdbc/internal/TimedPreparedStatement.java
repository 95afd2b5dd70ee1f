package dev.perfmon.jdbc.internal;

import dev.perfmon.jdbc.codegen.GenerateDelegating;
import org.jspecify.annotations.Nullable;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A {@link PreparedStatement} analysed once at prepare time (fingerprint, type, paging
 * placeholders). The generated parameter setters ({@link DelegatingPreparedStatement}) report each
 * bound value to a {@code bound} hook here, which keeps its hash, never the value, for N+1 and
 * duplicate detection; executions are timed like {@link TimedStatement}'s.
 */
@GenerateDelegating(value = PreparedStatement.class, parameterHooks = true)
public class TimedPreparedStatement extends TimedStatement implements DelegatingPreparedStatement {

    final PreparedStatement ps;
    final SqlInfo info;
    /** Lent by this thread's spares ({@link ParameterSpares}) and read through {@link #held()}. */
    final ParameterSlots parameters;
    /** The loan number of {@link #parameters}: this statement holds them while theirs is the same. */
    private final int lease;
    /** Keyset cursor values, {@code null} unless the statement has the shape of keyset paging. */
    private final @Nullable CursorValues cursors;
    /** The most non-null elements of an array bound since the parameters were last cleared. */
    private int arrayKeys;

    TimedPreparedStatement(PreparedStatement ps, TimedConnection connection, SqlInfo info) {
        super(ps, connection);
        this.ps = ps;
        this.info = info;
        this.cursors = CursorValues.of(info);
        this.parameters = ParameterSpares.lend(connection);
        this.lease = parameters.lease;
    }

    /** @return the bound values' hashes, or none once this statement closed and its slots went back */
    final ParameterSlots held() {
        ParameterSlots lent = parameters;
        return lent.lease == lease ? lent : ParameterSlots.NONE;
    }

    /** @return the driver's statement */
    @Override
    public PreparedStatement delegate() {
        return ps;
    }

    @Override
    long @Nullable [] cursors(SqlInfo executed) {
        return executed == info && cursors != null ? cursors.values() : null;
    }

    @Override
    long parameterHash(SqlInfo executed, boolean filter) {
        if (executed != info) {
            return super.parameterHash(executed, filter);
        }
        return filter
                ? Hashes.mix(info.filterLiteralsHash(), held().hash(filterOrdinals()))
                : Hashes.mix(info.literalsHash(), held().hash(SqlInfo.NO_ORDINALS));
    }

    /** Keyset paging leaves its cursor out too, unless the page is one row (a per-row lookup). */
    private int[] filterOrdinals() {
        int[] keyset = info.keysetOrdinals();
        if (keyset.length == 0 || (info.limitOrdinal() > 0 && held().holds(info.limitOrdinal(), ONE))) {
            return info.pagingOrdinals();
        }
        return keyset;
    }

    private static final long ONE = ParameterHashes.of(1L);

    @Override
    int keys(SqlInfo executed) {
        if (executed != info) {
            return super.keys(executed);
        }
        int keys = 1;
        if (info.listParameters() >= 2) {
            // Padding NULLs (Hibernate fills a batch's IN list up to its size) are not keys.
            keys = held().nonNullCount(info.pagingOrdinals()) - info.otherParameters();
        }
        return Math.max(Math.max(1, keys), arrayKeys);
    }

    private void noteArray(@Nullable Object value) {
        int keys = ParameterHashes.nonNullElements(value);
        if (keys > arrayKeys) {
            arrayKeys = keys;
        }
    }

    // ---- round trips ------------------------------------------------------------------------

    @Override
    public ResultSet executeQuery() throws SQLException {
        connection.monitor.roundTrip(this, QUERY_PREPARED, info, null, 0, null);
        return (ResultSet) takeResult();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) connection.monitor.roundTrip(this, UPDATE_PREPARED, info, null, 0, null);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return connection.monitor.roundTrip(this, LARGE_UPDATE_PREPARED, info, null, 0, null);
    }

    @Override
    public boolean execute() throws SQLException {
        connection.monitor.roundTrip(this, EXECUTE_PREPARED, info, null, 0, null);
        return Boolean.TRUE.equals(takeResult());
    }

    @Override
    public void addBatch() throws SQLException {
        ps.addBatch();
        batchInfo = info;
        batchSize++;
    }

    @Override
    public void clearParameters() throws SQLException {
        ps.clearParameters();
        held().clear();
        if (cursors != null) {
            cursors.clear();
        }
        arrayKeys = 0;
    }

    /** Closes the driver's statement, then gives its parameter slots back for the next statement of the thread. */
    @Override
    public void close() throws SQLException {
        ps.close();
        ParameterSpares.giveBack(parameters, lease);
    }

    // ---- the generated setters report each value they bound; only its hash is kept ---------

    /** An array's elements are the keys of a batch load ({@code id = any(?)}): counted and hashed by the connection. */
    @Override
    public void setArray(int index, Array x) throws SQLException {
        ps.setArray(index, x);
        int keys = connection.arrayKeys(x);
        if (keys > arrayKeys) {
            arrayKeys = keys;
        }
        held().set(index, connection.arrayHash(x));
    }

    /** A whole number, possibly a keyset cursor. */
    @Override
    public void bound(int index, long value) {
        held().set(index, ParameterHashes.of(value));
        if (cursors != null) {
            cursors.set(index, value);
        }
    }

    /** A floating point number, possibly a keyset cursor. */
    @Override
    public void bound(int index, double value) {
        held().set(index, ParameterHashes.of(value));
        if (cursors != null) {
            cursors.set(index, value);
        }
    }

    /** A flag, never a keyset cursor. */
    @Override
    public void bound(int index, boolean value) {
        held().set(index, ParameterHashes.of(value));
    }

    /**
     * Any other value: JDK value types hash by value, streams, LOBs and application objects by
     * identity ({@link ParameterHashes#ofObject}); numbers and times may be a keyset cursor, and
     * an array's elements count as keys.
     */
    @Override
    public void bound(int index, @Nullable Object value) {
        noteArray(value);
        held().set(index, ParameterHashes.ofObject(value));
        if (cursors != null) {
            cursors.set(index, value);
        }
    }
}
