package dev.perfmon.benchmarks.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/** A statement whose queries return one shared empty result set at once. */
final class StubPreparedStatement implements PreparedStatement {

    private final StubConnection connection;
    private final StubResultSet resultSet = new StubResultSet(this);
    /** Kept so the bound value is observable and the JIT cannot drop the setter. */
    long lastLong;

    StubPreparedStatement(StubConnection connection) {
        this.connection = connection;
    }

    @Override
    public void setLong(int index, long x) {
        lastLong = x;
    }

    @Override
    public void setInt(int index, int x) {
        lastLong = x;
    }

    @Override
    public void setString(int index, String x) {
        lastLong = x.length();
    }

    @Override
    public void clearParameters() {
        lastLong = 0;
    }

    @Override
    public ResultSet executeQuery() {
        return resultSet;
    }

    @Override
    public ResultSet executeQuery(String sql) {
        return resultSet;
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public void addBatch() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void addBatch(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void cancel() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void clearBatch() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void clearWarnings() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void closeOnCompletion() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String enquoteIdentifier(String a0, boolean a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String enquoteLiteral(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String enquoteNCharLiteral(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean execute() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean execute(String a0, int[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean execute(String a0, String[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean execute(String a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean execute(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int[] executeBatch() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long[] executeLargeBatch() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long executeLargeUpdate() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long executeLargeUpdate(String a0, int[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long executeLargeUpdate(String a0, String[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long executeLargeUpdate(String a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long executeLargeUpdate(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int executeUpdate() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int executeUpdate(String a0, int[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int executeUpdate(String a0, String[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int executeUpdate(String a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int executeUpdate(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getFetchDirection() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getFetchSize() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getGeneratedKeys() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long getLargeMaxRows() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long getLargeUpdateCount() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxFieldSize() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxRows() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSetMetaData getMetaData() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean getMoreResults() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean getMoreResults(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ParameterMetaData getParameterMetaData() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getQueryTimeout() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getResultSet() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getResultSetConcurrency() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getResultSetHoldability() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getResultSetType() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getUpdateCount() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public SQLWarning getWarnings() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isCloseOnCompletion() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isPoolable() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isSimpleIdentifier(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setArray(int a0, Array a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setBigDecimal(int a0, BigDecimal a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setBlob(int a0, InputStream a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setBlob(int a0, InputStream a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setBlob(int a0, Blob a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setBoolean(int a0, boolean a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setByte(int a0, byte a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setBytes(int a0, byte[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setCharacterStream(int a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setClob(int a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setClob(int a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setClob(int a0, Clob a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setCursorName(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setDate(int a0, Date a1, Calendar a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setDate(int a0, Date a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setDouble(int a0, double a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setEscapeProcessing(boolean a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setFetchDirection(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setFetchSize(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setFloat(int a0, float a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setLargeMaxRows(long a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setMaxFieldSize(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setMaxRows(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setNClob(int a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setNClob(int a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setNClob(int a0, NClob a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setNString(int a0, String a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setNull(int a0, int a1, String a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setNull(int a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setObject(int a0, Object a1, int a2, int a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setObject(int a0, Object a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setObject(int a0, Object a1, SQLType a2, int a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setObject(int a0, Object a1, SQLType a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setObject(int a0, Object a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setPoolable(boolean a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setQueryTimeout(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setRef(int a0, Ref a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setRowId(int a0, RowId a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setSQLXML(int a0, SQLXML a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setShort(int a0, short a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setTime(int a0, Time a1, Calendar a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setTime(int a0, Time a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1, Calendar a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setURL(int a0, URL a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int a0, InputStream a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }
}
