package dev.perfmon.jdbc.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/** A {@link CallableStatement} timed like {@link TimedPreparedStatement}. */
public class TimedCallableStatement extends TimedPreparedStatement implements CallableStatement {

    final CallableStatement cs;

    TimedCallableStatement(CallableStatement cs, TimedConnection connection, JdbcMonitor monitor, SqlInfo info) {
        super(cs, connection, monitor, info);
        this.cs = cs;
    }

    // ---- plain delegation, named setters remember a hash of the value ------------------------

    @Override
    public Array getArray(String name) throws SQLException {
        return cs.getArray(name);
    }

    @Override
    public Array getArray(int index) throws SQLException {
        return cs.getArray(index);
    }

    @Override
    public BigDecimal getBigDecimal(String name) throws SQLException {
        return cs.getBigDecimal(name);
    }

    @Deprecated
    @SuppressWarnings("deprecation")
    @Override
    public BigDecimal getBigDecimal(int index, int value) throws SQLException {
        return cs.getBigDecimal(index, value);
    }

    @Override
    public BigDecimal getBigDecimal(int index) throws SQLException {
        return cs.getBigDecimal(index);
    }

    @Override
    public Blob getBlob(String name) throws SQLException {
        return cs.getBlob(name);
    }

    @Override
    public Blob getBlob(int index) throws SQLException {
        return cs.getBlob(index);
    }

    @Override
    public boolean getBoolean(String name) throws SQLException {
        return cs.getBoolean(name);
    }

    @Override
    public boolean getBoolean(int index) throws SQLException {
        return cs.getBoolean(index);
    }

    @Override
    public byte getByte(String name) throws SQLException {
        return cs.getByte(name);
    }

    @Override
    public byte getByte(int index) throws SQLException {
        return cs.getByte(index);
    }

    @Override
    public byte[] getBytes(String name) throws SQLException {
        return cs.getBytes(name);
    }

    @Override
    public byte[] getBytes(int index) throws SQLException {
        return cs.getBytes(index);
    }

    @Override
    public Reader getCharacterStream(String name) throws SQLException {
        return cs.getCharacterStream(name);
    }

    @Override
    public Reader getCharacterStream(int index) throws SQLException {
        return cs.getCharacterStream(index);
    }

    @Override
    public Clob getClob(String name) throws SQLException {
        return cs.getClob(name);
    }

    @Override
    public Clob getClob(int index) throws SQLException {
        return cs.getClob(index);
    }

    @Override
    public Date getDate(String name, Calendar calendar) throws SQLException {
        return cs.getDate(name, calendar);
    }

    @Override
    public Date getDate(String name) throws SQLException {
        return cs.getDate(name);
    }

    @Override
    public Date getDate(int index, Calendar calendar) throws SQLException {
        return cs.getDate(index, calendar);
    }

    @Override
    public Date getDate(int index) throws SQLException {
        return cs.getDate(index);
    }

    @Override
    public double getDouble(String name) throws SQLException {
        return cs.getDouble(name);
    }

    @Override
    public double getDouble(int index) throws SQLException {
        return cs.getDouble(index);
    }

    @Override
    public float getFloat(String name) throws SQLException {
        return cs.getFloat(name);
    }

    @Override
    public float getFloat(int index) throws SQLException {
        return cs.getFloat(index);
    }

    @Override
    public int getInt(String name) throws SQLException {
        return cs.getInt(name);
    }

    @Override
    public int getInt(int index) throws SQLException {
        return cs.getInt(index);
    }

    @Override
    public long getLong(String name) throws SQLException {
        return cs.getLong(name);
    }

    @Override
    public long getLong(int index) throws SQLException {
        return cs.getLong(index);
    }

    @Override
    public Reader getNCharacterStream(String name) throws SQLException {
        return cs.getNCharacterStream(name);
    }

    @Override
    public Reader getNCharacterStream(int index) throws SQLException {
        return cs.getNCharacterStream(index);
    }

    @Override
    public NClob getNClob(String name) throws SQLException {
        return cs.getNClob(name);
    }

    @Override
    public NClob getNClob(int index) throws SQLException {
        return cs.getNClob(index);
    }

    @Override
    public String getNString(String name) throws SQLException {
        return cs.getNString(name);
    }

    @Override
    public String getNString(int index) throws SQLException {
        return cs.getNString(index);
    }

    @Override
    public <T> T getObject(String name, Class<T> type) throws SQLException {
        return cs.getObject(name, type);
    }

    @Override
    public Object getObject(String name, Map<String, Class<?>> map) throws SQLException {
        return cs.getObject(name, map);
    }

    @Override
    public Object getObject(String name) throws SQLException {
        return cs.getObject(name);
    }

    @Override
    public <T> T getObject(int index, Class<T> type) throws SQLException {
        return cs.getObject(index, type);
    }

    @Override
    public Object getObject(int index, Map<String, Class<?>> map) throws SQLException {
        return cs.getObject(index, map);
    }

    @Override
    public Object getObject(int index) throws SQLException {
        return cs.getObject(index);
    }

    @Override
    public Ref getRef(String name) throws SQLException {
        return cs.getRef(name);
    }

    @Override
    public Ref getRef(int index) throws SQLException {
        return cs.getRef(index);
    }

    @Override
    public RowId getRowId(String name) throws SQLException {
        return cs.getRowId(name);
    }

    @Override
    public RowId getRowId(int index) throws SQLException {
        return cs.getRowId(index);
    }

    @Override
    public SQLXML getSQLXML(String name) throws SQLException {
        return cs.getSQLXML(name);
    }

    @Override
    public SQLXML getSQLXML(int index) throws SQLException {
        return cs.getSQLXML(index);
    }

    @Override
    public short getShort(String name) throws SQLException {
        return cs.getShort(name);
    }

    @Override
    public short getShort(int index) throws SQLException {
        return cs.getShort(index);
    }

    @Override
    public String getString(String name) throws SQLException {
        return cs.getString(name);
    }

    @Override
    public String getString(int index) throws SQLException {
        return cs.getString(index);
    }

    @Override
    public Time getTime(String name, Calendar calendar) throws SQLException {
        return cs.getTime(name, calendar);
    }

    @Override
    public Time getTime(String name) throws SQLException {
        return cs.getTime(name);
    }

    @Override
    public Time getTime(int index, Calendar calendar) throws SQLException {
        return cs.getTime(index, calendar);
    }

    @Override
    public Time getTime(int index) throws SQLException {
        return cs.getTime(index);
    }

    @Override
    public Timestamp getTimestamp(String name, Calendar calendar) throws SQLException {
        return cs.getTimestamp(name, calendar);
    }

    @Override
    public Timestamp getTimestamp(String name) throws SQLException {
        return cs.getTimestamp(name);
    }

    @Override
    public Timestamp getTimestamp(int index, Calendar calendar) throws SQLException {
        return cs.getTimestamp(index, calendar);
    }

    @Override
    public Timestamp getTimestamp(int index) throws SQLException {
        return cs.getTimestamp(index);
    }

    @Override
    public URL getURL(String name) throws SQLException {
        return cs.getURL(name);
    }

    @Override
    public URL getURL(int index) throws SQLException {
        return cs.getURL(index);
    }

    @Override
    public void registerOutParameter(String name, int sqlType, String string) throws SQLException {
        cs.registerOutParameter(name, sqlType, string);
    }

    @Override
    public void registerOutParameter(String name, int sqlType, int value2) throws SQLException {
        cs.registerOutParameter(name, sqlType, value2);
    }

    @Override
    public void registerOutParameter(String name, int sqlType) throws SQLException {
        cs.registerOutParameter(name, sqlType);
    }

    @Override
    public void registerOutParameter(String name, SQLType sQLType, String string) throws SQLException {
        cs.registerOutParameter(name, sQLType, string);
    }

    @Override
    public void registerOutParameter(String name, SQLType sQLType, int value) throws SQLException {
        cs.registerOutParameter(name, sQLType, value);
    }

    @Override
    public void registerOutParameter(String name, SQLType sQLType) throws SQLException {
        cs.registerOutParameter(name, sQLType);
    }

    @Override
    public void registerOutParameter(int index, int sqlType, String string) throws SQLException {
        cs.registerOutParameter(index, sqlType, string);
    }

    @Override
    public void registerOutParameter(int index, int sqlType, int value2) throws SQLException {
        cs.registerOutParameter(index, sqlType, value2);
    }

    @Override
    public void registerOutParameter(int index, int sqlType) throws SQLException {
        cs.registerOutParameter(index, sqlType);
    }

    @Override
    public void registerOutParameter(int index, SQLType sQLType, String string) throws SQLException {
        cs.registerOutParameter(index, sQLType, string);
    }

    @Override
    public void registerOutParameter(int index, SQLType sQLType, int value) throws SQLException {
        cs.registerOutParameter(index, sQLType, value);
    }

    @Override
    public void registerOutParameter(int index, SQLType sQLType) throws SQLException {
        cs.registerOutParameter(index, sQLType);
    }

    @Override
    public void setAsciiStream(String name, InputStream x, int length) throws SQLException {
        cs.setAsciiStream(name, x, length);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setAsciiStream(String name, InputStream x, long length) throws SQLException {
        cs.setAsciiStream(name, x, length);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setAsciiStream(String name, InputStream x) throws SQLException {
        cs.setAsciiStream(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setBigDecimal(String name, BigDecimal x) throws SQLException {
        cs.setBigDecimal(name, x);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setBinaryStream(String name, InputStream x, int length) throws SQLException {
        cs.setBinaryStream(name, x, length);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setBinaryStream(String name, InputStream x, long length) throws SQLException {
        cs.setBinaryStream(name, x, length);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setBinaryStream(String name, InputStream x) throws SQLException {
        cs.setBinaryStream(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setBlob(String name, InputStream x, long length) throws SQLException {
        cs.setBlob(name, x, length);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setBlob(String name, InputStream x) throws SQLException {
        cs.setBlob(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setBlob(String name, Blob x) throws SQLException {
        cs.setBlob(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setBoolean(String name, boolean x) throws SQLException {
        cs.setBoolean(name, x);
        parameters.setNamed(name, ParameterHashes.of(x));
    }

    @Override
    public void setByte(String name, byte x) throws SQLException {
        cs.setByte(name, x);
        parameters.setNamed(name, ParameterHashes.of((long) x));
    }

    @Override
    public void setBytes(String name, byte[] x) throws SQLException {
        cs.setBytes(name, x);
        parameters.setNamed(name, ParameterHashes.of(x));
    }

    @Override
    public void setCharacterStream(String name, Reader x, int length) throws SQLException {
        cs.setCharacterStream(name, x, length);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setCharacterStream(String name, Reader x, long length) throws SQLException {
        cs.setCharacterStream(name, x, length);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setCharacterStream(String name, Reader x) throws SQLException {
        cs.setCharacterStream(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setClob(String name, Reader x, long length) throws SQLException {
        cs.setClob(name, x, length);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setClob(String name, Reader x) throws SQLException {
        cs.setClob(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setClob(String name, Clob x) throws SQLException {
        cs.setClob(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setDate(String name, Date x, Calendar calendar) throws SQLException {
        cs.setDate(name, x, calendar);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setDate(String name, Date x) throws SQLException {
        cs.setDate(name, x);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setDouble(String name, double x) throws SQLException {
        cs.setDouble(name, x);
        parameters.setNamed(name, ParameterHashes.of((double) x));
    }

    @Override
    public void setFloat(String name, float x) throws SQLException {
        cs.setFloat(name, x);
        parameters.setNamed(name, ParameterHashes.of((double) x));
    }

    @Override
    public void setInt(String name, int x) throws SQLException {
        cs.setInt(name, x);
        parameters.setNamed(name, ParameterHashes.of((long) x));
    }

    @Override
    public void setLong(String name, long x) throws SQLException {
        cs.setLong(name, x);
        parameters.setNamed(name, ParameterHashes.of((long) x));
    }

    @Override
    public void setNCharacterStream(String name, Reader x, long length) throws SQLException {
        cs.setNCharacterStream(name, x, length);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setNCharacterStream(String name, Reader x) throws SQLException {
        cs.setNCharacterStream(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setNClob(String name, Reader x, long length) throws SQLException {
        cs.setNClob(name, x, length);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setNClob(String name, Reader x) throws SQLException {
        cs.setNClob(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setNClob(String name, NClob x) throws SQLException {
        cs.setNClob(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setNString(String name, String x) throws SQLException {
        cs.setNString(name, x);
        parameters.setNamed(name, ParameterHashes.of(x));
    }

    @Override
    public void setNull(String name, int sqlType, String typeName) throws SQLException {
        cs.setNull(name, sqlType, typeName);
        parameters.setNamed(name, ParameterHashes.NULL);
    }

    @Override
    public void setNull(String name, int sqlType) throws SQLException {
        cs.setNull(name, sqlType);
        parameters.setNamed(name, ParameterHashes.NULL);
    }

    @Override
    public void setObject(String name, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        cs.setObject(name, x, targetSqlType, scaleOrLength);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setObject(String name, Object x, int targetSqlType) throws SQLException {
        cs.setObject(name, x, targetSqlType);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setObject(String name, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        cs.setObject(name, x, targetSqlType, scaleOrLength);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setObject(String name, Object x, SQLType targetSqlType) throws SQLException {
        cs.setObject(name, x, targetSqlType);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setObject(String name, Object x) throws SQLException {
        cs.setObject(name, x);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setRowId(String name, RowId x) throws SQLException {
        cs.setRowId(name, x);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setSQLXML(String name, SQLXML x) throws SQLException {
        cs.setSQLXML(name, x);
        parameters.setNamed(name, ParameterHashes.opaque(x));
    }

    @Override
    public void setShort(String name, short x) throws SQLException {
        cs.setShort(name, x);
        parameters.setNamed(name, ParameterHashes.of((long) x));
    }

    @Override
    public void setString(String name, String x) throws SQLException {
        cs.setString(name, x);
        parameters.setNamed(name, ParameterHashes.of(x));
    }

    @Override
    public void setTime(String name, Time x, Calendar calendar) throws SQLException {
        cs.setTime(name, x, calendar);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setTime(String name, Time x) throws SQLException {
        cs.setTime(name, x);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setTimestamp(String name, Timestamp x, Calendar calendar) throws SQLException {
        cs.setTimestamp(name, x, calendar);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setTimestamp(String name, Timestamp x) throws SQLException {
        cs.setTimestamp(name, x);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public void setURL(String name, URL x) throws SQLException {
        cs.setURL(name, x);
        parameters.setNamed(name, ParameterHashes.ofObject(x));
    }

    @Override
    public boolean wasNull() throws SQLException {
        return cs.wasNull();
    }
}
