package dev.perfmon.benchmarks.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection that does no I/O and allocates nothing: every statement is one shared
 * {@link StubPreparedStatement}, so a benchmark over it measures only what sits in front of it.
 */
final class StubConnection implements Connection {

    private final StubPreparedStatement statement = new StubPreparedStatement(this);
    private final StubDatabaseMetaData metaData = new StubDatabaseMetaData(this);
    private boolean autoCommit = true;

    @Override
    public PreparedStatement prepareStatement(String sql) {
        return statement;
    }

    @Override
    public Statement createStatement() {
        return statement;
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public boolean getAutoCommit() {
        return autoCommit;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    @Override
    public DatabaseMetaData getMetaData() {
        return metaData;
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
    public void abort(Executor a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void beginRequest() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void clearWarnings() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void commit() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Array createArrayOf(String a0, Object[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Blob createBlob() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Clob createClob() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public NClob createNClob() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public SQLXML createSQLXML() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Statement createStatement(int a0, int a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Statement createStatement(int a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Struct createStruct(String a0, Object[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void endRequest() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getCatalog() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Properties getClientInfo() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getClientInfo(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getHoldability() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getNetworkTimeout() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getSchema() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getTransactionIsolation() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Map<String, Class<?>> getTypeMap() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public SQLWarning getWarnings() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isReadOnly() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isValid(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String nativeSQL(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2, int a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public CallableStatement prepareCall(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public PreparedStatement prepareStatement(String a0, String[] a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void releaseSavepoint(Savepoint a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void rollback() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void rollback(Savepoint a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setCatalog(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setClientInfo(String a0, String a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setClientInfo(Properties a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setHoldability(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setNetworkTimeout(Executor a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setReadOnly(boolean a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Savepoint setSavepoint() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Savepoint setSavepoint(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setSchema(String a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setShardingKey(ShardingKey a0, ShardingKey a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setShardingKey(ShardingKey a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey a0, ShardingKey a1, int a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setTransactionIsolation(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> a0) {
        throw new UnsupportedOperationException("stub");
    }
}
