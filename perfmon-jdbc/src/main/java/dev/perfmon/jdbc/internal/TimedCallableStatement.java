package dev.perfmon.jdbc.internal;

import dev.perfmon.jdbc.codegen.GenerateDelegating;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A {@link CallableStatement} timed like {@link TimedPreparedStatement}; its getters and the
 * rest pass straight through ({@link DelegatingCallableStatement}).
 */
@GenerateDelegating(CallableStatement.class)
public class TimedCallableStatement extends TimedPreparedStatement implements DelegatingCallableStatement {

    final CallableStatement cs;

    TimedCallableStatement(CallableStatement cs, TimedConnection connection, SqlInfo info) {
        super(cs, connection, info);
        this.cs = cs;
    }

    /** @return the driver's statement */
    @Override
    public CallableStatement delegate() {
        return cs;
    }

    // ---- named parameter setters remember a hash of the value, never the value ------------

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
}
