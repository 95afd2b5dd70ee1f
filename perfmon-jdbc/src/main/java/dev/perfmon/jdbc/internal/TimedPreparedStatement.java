package dev.perfmon.jdbc.internal;

import dev.perfmon.jdbc.codegen.GenerateDelegating;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A {@link PreparedStatement} analysed once at prepare time (fingerprint, type, paging
 * placeholders). Parameter setters keep a hash of each bound value, never the value, for N+1
 * and duplicate detection; executions are timed like {@link TimedStatement}'s.
 */
@GenerateDelegating(PreparedStatement.class)
public class TimedPreparedStatement extends TimedStatement implements DelegatingPreparedStatement {

    final PreparedStatement ps;
    final SqlInfo info;
    final ParameterSlots parameters = new ParameterSlots();
    /** Keyset cursor values, {@code null} unless the statement has the shape of keyset paging. */
    private final CursorValues cursors;
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
    long[] cursors(SqlInfo executed) {
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

    private void noteArray(Object value) {
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
        return (Boolean) takeResult();
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

    // ---- parameter setters remember a hash of the value, never the value ------------------

    @Override
    public void setArray(int index, Array x) throws SQLException {
        ps.setArray(index, x);
        int keys = connection.arrayKeys(x);
        if (keys > arrayKeys) {
            arrayKeys = keys;
        }
        parameters.set(index, connection.arrayHash(x));
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        ps.setAsciiStream(index, x, length);
        opaque(index, x);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        ps.setAsciiStream(index, x, length);
        opaque(index, x);
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        ps.setAsciiStream(index, x);
        opaque(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        ps.setBigDecimal(index, x);
        value(index, x);
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        ps.setBinaryStream(index, x, length);
        opaque(index, x);
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        ps.setBinaryStream(index, x, length);
        opaque(index, x);
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        ps.setBinaryStream(index, x);
        opaque(index, x);
    }

    @Override
    public void setBlob(int index, InputStream x, long length) throws SQLException {
        ps.setBlob(index, x, length);
        opaque(index, x);
    }

    @Override
    public void setBlob(int index, InputStream x) throws SQLException {
        ps.setBlob(index, x);
        opaque(index, x);
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        ps.setBlob(index, x);
        opaque(index, x);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        ps.setBoolean(index, x);
        bound(index, ParameterHashes.of(x));
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        ps.setByte(index, x);
        integral(index, x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        ps.setBytes(index, x);
        bound(index, ParameterHashes.of(x));
    }

    @Override
    public void setCharacterStream(int index, Reader x, int length) throws SQLException {
        ps.setCharacterStream(index, x, length);
        opaque(index, x);
    }

    @Override
    public void setCharacterStream(int index, Reader x, long length) throws SQLException {
        ps.setCharacterStream(index, x, length);
        opaque(index, x);
    }

    @Override
    public void setCharacterStream(int index, Reader x) throws SQLException {
        ps.setCharacterStream(index, x);
        opaque(index, x);
    }

    @Override
    public void setClob(int index, Reader x, long length) throws SQLException {
        ps.setClob(index, x, length);
        opaque(index, x);
    }

    @Override
    public void setClob(int index, Reader x) throws SQLException {
        ps.setClob(index, x);
        opaque(index, x);
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        ps.setClob(index, x);
        opaque(index, x);
    }

    @Override
    public void setDate(int index, Date x, Calendar calendar) throws SQLException {
        ps.setDate(index, x, calendar);
        value(index, x);
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        ps.setDate(index, x);
        value(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        ps.setDouble(index, x);
        real(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        ps.setFloat(index, x);
        real(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        ps.setInt(index, x);
        integral(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        ps.setLong(index, x);
        integral(index, x);
    }

    @Override
    public void setNCharacterStream(int index, Reader x, long length) throws SQLException {
        ps.setNCharacterStream(index, x, length);
        opaque(index, x);
    }

    @Override
    public void setNCharacterStream(int index, Reader x) throws SQLException {
        ps.setNCharacterStream(index, x);
        opaque(index, x);
    }

    @Override
    public void setNClob(int index, Reader x, long length) throws SQLException {
        ps.setNClob(index, x, length);
        opaque(index, x);
    }

    @Override
    public void setNClob(int index, Reader x) throws SQLException {
        ps.setNClob(index, x);
        opaque(index, x);
    }

    @Override
    public void setNClob(int index, NClob x) throws SQLException {
        ps.setNClob(index, x);
        opaque(index, x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        ps.setNString(index, x);
        bound(index, ParameterHashes.of(x));
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        ps.setNull(index, sqlType, typeName);
        value(index, null);
    }

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        ps.setNull(index, sqlType);
        value(index, null);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        ps.setObject(index, x, targetSqlType, scaleOrLength);
        noteArray(x);
        value(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        ps.setObject(index, x, targetSqlType);
        noteArray(x);
        value(index, x);
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        ps.setObject(index, x, targetSqlType, scaleOrLength);
        noteArray(x);
        value(index, x);
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType) throws SQLException {
        ps.setObject(index, x, targetSqlType);
        noteArray(x);
        value(index, x);
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        ps.setObject(index, x);
        noteArray(x);
        value(index, x);
    }

    @Override
    public void setRef(int index, Ref x) throws SQLException {
        ps.setRef(index, x);
        bound(index, ParameterHashes.ofObject(x));
    }

    @Override
    public void setRowId(int index, RowId x) throws SQLException {
        ps.setRowId(index, x);
        bound(index, ParameterHashes.ofObject(x));
    }

    @Override
    public void setSQLXML(int index, SQLXML x) throws SQLException {
        ps.setSQLXML(index, x);
        opaque(index, x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        ps.setShort(index, x);
        integral(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        ps.setString(index, x);
        bound(index, ParameterHashes.of(x));
    }

    @Override
    public void setTime(int index, Time x, Calendar calendar) throws SQLException {
        ps.setTime(index, x, calendar);
        bound(index, ParameterHashes.ofObject(x));
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        ps.setTime(index, x);
        bound(index, ParameterHashes.ofObject(x));
    }

    @Override
    public void setTimestamp(int index, Timestamp x, Calendar calendar) throws SQLException {
        ps.setTimestamp(index, x, calendar);
        value(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        ps.setTimestamp(index, x);
        value(index, x);
    }

    @Override
    public void setURL(int index, URL x) throws SQLException {
        ps.setURL(index, x);
        bound(index, ParameterHashes.ofObject(x));
    }

    @Deprecated
    @SuppressWarnings("deprecation")
    @Override
    public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
        ps.setUnicodeStream(index, x, length);
        opaque(index, x);
    }

    /** A value hashed by identity: streams, readers and LOBs, which reading would consume. */
    private void opaque(int index, Object x) {
        parameters.set(index, ParameterHashes.opaque(x));
    }

    /** A value no keyset cursor takes (text, bytes, flags, times, references). */
    private void bound(int index, long hash) {
        parameters.set(index, hash);
    }

    /** A whole number, possibly a keyset cursor. */
    private void integral(int index, long x) {
        parameters.set(index, ParameterHashes.of(x));
        if (cursors != null) {
            cursors.set(index, x);
        }
    }

    /** A floating point number, possibly a keyset cursor. */
    private void real(int index, double x) {
        parameters.set(index, ParameterHashes.of(x));
        if (cursors != null) {
            cursors.set(index, (Object) x);
        }
    }

    /** Any other value, possibly a keyset cursor. */
    private void value(int index, Object x) {
        parameters.set(index, ParameterHashes.ofObject(x));
        if (cursors != null) {
            cursors.set(index, x);
        }
    }
}
