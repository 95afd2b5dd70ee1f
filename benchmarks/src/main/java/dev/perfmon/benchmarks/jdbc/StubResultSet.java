package dev.perfmon.benchmarks.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/** An empty result set. */
final class StubResultSet implements ResultSet {

    private final StubPreparedStatement statement;

    StubResultSet(StubPreparedStatement statement) {
        this.statement = statement;
    }

    @Override
    public boolean next() {
        return false;
    }

    @Override
    public long getLong(int index) {
        return 0;
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public Statement getStatement() {
        return statement;
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
    public boolean absolute(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void afterLast() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void beforeFirst() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void cancelRowUpdates() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void clearWarnings() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void deleteRow() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int findColumn(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean first() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Array getArray(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Array getArray(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public InputStream getAsciiStream(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public InputStream getAsciiStream(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Deprecated
    @Override
    public BigDecimal getBigDecimal(String a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public BigDecimal getBigDecimal(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Deprecated
    @Override
    public BigDecimal getBigDecimal(int a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public BigDecimal getBigDecimal(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public InputStream getBinaryStream(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public InputStream getBinaryStream(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Blob getBlob(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Blob getBlob(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean getBoolean(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean getBoolean(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public byte getByte(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public byte getByte(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public byte[] getBytes(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public byte[] getBytes(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Reader getCharacterStream(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Reader getCharacterStream(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Clob getClob(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Clob getClob(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getConcurrency() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getCursorName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Date getDate(String a0, Calendar a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Date getDate(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Date getDate(int a0, Calendar a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Date getDate(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public double getDouble(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public double getDouble(int a0) {
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
    public float getFloat(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public float getFloat(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getHoldability() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getInt(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getInt(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long getLong(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSetMetaData getMetaData() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Reader getNCharacterStream(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Reader getNCharacterStream(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public NClob getNClob(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public NClob getNClob(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getNString(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getNString(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public <T> T getObject(String a0, Class<T> a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Object getObject(String a0, Map<String, Class<?>> a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Object getObject(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public <T> T getObject(int a0, Class<T> a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Object getObject(int a0, Map<String, Class<?>> a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Object getObject(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Ref getRef(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Ref getRef(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getRow() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public RowId getRowId(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public RowId getRowId(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public SQLXML getSQLXML(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public SQLXML getSQLXML(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public short getShort(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public short getShort(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getString(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getString(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Time getTime(String a0, Calendar a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Time getTime(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Time getTime(int a0, Calendar a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Time getTime(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Timestamp getTimestamp(String a0, Calendar a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Timestamp getTimestamp(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Timestamp getTimestamp(int a0, Calendar a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Timestamp getTimestamp(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getType() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public URL getURL(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public URL getURL(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Deprecated
    @Override
    public InputStream getUnicodeStream(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Deprecated
    @Override
    public InputStream getUnicodeStream(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public SQLWarning getWarnings() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void insertRow() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isAfterLast() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isBeforeFirst() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isFirst() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isLast() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean last() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void moveToCurrentRow() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void moveToInsertRow() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean previous() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void refreshRow() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean relative(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean rowDeleted() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean rowInserted() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean rowUpdated() {
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
    public void updateArray(String a0, Array a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateArray(int a0, Array a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateAsciiStream(String a0, InputStream a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateAsciiStream(String a0, InputStream a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateAsciiStream(String a0, InputStream a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateAsciiStream(int a0, InputStream a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateAsciiStream(int a0, InputStream a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateAsciiStream(int a0, InputStream a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBigDecimal(String a0, BigDecimal a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBigDecimal(int a0, BigDecimal a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBinaryStream(String a0, InputStream a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBinaryStream(String a0, InputStream a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBinaryStream(String a0, InputStream a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBinaryStream(int a0, InputStream a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBinaryStream(int a0, InputStream a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBinaryStream(int a0, InputStream a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBlob(String a0, InputStream a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBlob(String a0, InputStream a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBlob(String a0, Blob a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBlob(int a0, InputStream a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBlob(int a0, InputStream a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBlob(int a0, Blob a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBoolean(String a0, boolean a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBoolean(int a0, boolean a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateByte(String a0, byte a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateByte(int a0, byte a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBytes(String a0, byte[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateBytes(int a0, byte[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateCharacterStream(String a0, Reader a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateCharacterStream(String a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateCharacterStream(String a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateCharacterStream(int a0, Reader a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateCharacterStream(int a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateCharacterStream(int a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateClob(String a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateClob(String a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateClob(String a0, Clob a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateClob(int a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateClob(int a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateClob(int a0, Clob a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateDate(String a0, Date a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateDate(int a0, Date a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateDouble(String a0, double a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateDouble(int a0, double a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateFloat(String a0, float a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateFloat(int a0, float a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateInt(String a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateInt(int a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateLong(String a0, long a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateLong(int a0, long a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNCharacterStream(String a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNCharacterStream(String a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNCharacterStream(int a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNCharacterStream(int a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNClob(String a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNClob(String a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNClob(String a0, NClob a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNClob(int a0, Reader a1, long a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNClob(int a0, Reader a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNClob(int a0, NClob a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNString(String a0, String a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNString(int a0, String a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNull(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateNull(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateObject(String a0, Object a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateObject(String a0, Object a1, SQLType a2, int a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateObject(String a0, Object a1, SQLType a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateObject(String a0, Object a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateObject(int a0, Object a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateObject(int a0, Object a1, SQLType a2, int a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateObject(int a0, Object a1, SQLType a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateObject(int a0, Object a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateRef(String a0, Ref a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateRef(int a0, Ref a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateRow() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateRowId(String a0, RowId a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateRowId(int a0, RowId a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateSQLXML(String a0, SQLXML a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateSQLXML(int a0, SQLXML a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateShort(String a0, short a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateShort(int a0, short a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateString(String a0, String a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateString(int a0, String a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateTime(String a0, Time a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateTime(int a0, Time a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateTimestamp(String a0, Timestamp a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void updateTimestamp(int a0, Timestamp a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean wasNull() {
        throw new UnsupportedOperationException("stub");
    }
}
