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
    final ParameterSlots parameters = new ParameterSlots();
    /** Keyset cursor values, {@code null} unless the statement has the shape of keyset paging. */
    private final @Nullable CursorValues cursors;
    /** The most non-null elements of an array bound since the parameters were last cleared. */
    private int arrayKeys;

    TimedPreparedStatement(PreparedStatement ps, TimedConnection connection, SqlInfo info) {
        super(ps, connection);
        this.ps = ps;
        this.info = info;
        this.cursors = CursorValues.of(info);
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
                ? Hashes.mix(info.filterLiteralsHash(), parameters.hash(filterOrdinals()))
                : Hashes.mix(info.literalsHash(), parameters.hash(SqlInfo.NO_ORDINALS));
    }

    /** Keyset paging leaves its cursor out too, unless the page is one row (a per-row lookup). */
    private int[] filterOrdinals() {
        int[] keyset = info.keysetOrdinals();
        if (keyset.length == 0 || (info.limitOrdinal() > 0 && parameters.holds(info.limitOrdinal(), ONE))) {
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
            keys = parameters.nonNullCount(info.pagingOrdinals()) - info.otherParameters();
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
        parameters.clear();
        if (cursors != null) {
            cursors.clear();
        }
        arrayKeys = 0;
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
        parameters.set(index, connection.arrayHash(x));
    }

    /** A whole number, possibly a keyset cursor. */
    @Override
    public void bound(int index, long value) {
        parameters.set(index, ParameterHashes.of(value));
        if (cursors != null) {
            cursors.set(index, value);
        }
    }

    /** A floating point number, possibly a keyset cursor. */
    @Override
    public void bound(int index, double value) {
        parameters.set(index, ParameterHashes.of(value));
        if (cursors != null) {
            cursors.set(index, value);
        }
    }

    /** A flag, never a keyset cursor. */
    @Override
    public void bound(int index, boolean value) {
        parameters.set(index, ParameterHashes.of(value));
    }

    /**
     * Any other value: JDK value types hash by value, streams, LOBs and application objects by
     * identity ({@link ParameterHashes#ofObject}); numbers and times may be a keyset cursor, and
     * an array's elements count as keys.
     */
    @Override
    public void bound(int index, @Nullable Object value) {
        noteArray(value);
        parameters.set(index, ParameterHashes.ofObject(value));
        if (cursors != null) {
            cursors.set(index, value);
        }
    }
}
