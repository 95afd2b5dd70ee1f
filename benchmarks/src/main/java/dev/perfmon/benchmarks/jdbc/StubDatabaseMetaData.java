package dev.perfmon.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/** Just enough metadata for p6spy to open a connection (its URL). */
final class StubDatabaseMetaData implements DatabaseMetaData {

    private final StubConnection connection;

    StubDatabaseMetaData(StubConnection connection) {
        this.connection = connection;
    }

    @Override
    public String getURL() {
        return "jdbc:stub:bench";
    }

    @Override
    public String getUserName() {
        return "bench";
    }

    @Override
    public String getDatabaseProductName() {
        return "Stub";
    }

    @Override
    public String getDatabaseProductVersion() {
        return "1";
    }

    @Override
    public String getDriverName() {
        return "stub";
    }

    @Override
    public String getDriverVersion() {
        return "1";
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
    public boolean allProceduresAreCallable() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean allTablesAreSelectable() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean deletesAreDetected(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean generatedKeyAlwaysReturned() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getAttributes(String a0, String a1, String a2, String a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getBestRowIdentifier(String a0, String a1, String a2, int a3, boolean a4) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getCatalogSeparator() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getCatalogTerm() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getCatalogs() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getClientInfoProperties() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getColumnPrivileges(String a0, String a1, String a2, String a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getColumns(String a0, String a1, String a2, String a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getCrossReference(String a0, String a1, String a2, String a3, String a4, String a5) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getDatabaseMajorVersion() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getDatabaseMinorVersion() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getDefaultTransactionIsolation() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getDriverMajorVersion() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getDriverMinorVersion() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getExportedKeys(String a0, String a1, String a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getExtraNameCharacters() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getFunctionColumns(String a0, String a1, String a2, String a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getFunctions(String a0, String a1, String a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getIdentifierQuoteString() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getImportedKeys(String a0, String a1, String a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getIndexInfo(String a0, String a1, String a2, boolean a3, boolean a4) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getJDBCMajorVersion() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getJDBCMinorVersion() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxBinaryLiteralLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxCatalogNameLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxCharLiteralLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxColumnNameLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxColumnsInGroupBy() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxColumnsInIndex() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxColumnsInOrderBy() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxColumnsInSelect() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxColumnsInTable() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxConnections() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxCursorNameLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxIndexLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public long getMaxLogicalLobSize() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxProcedureNameLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxRowSize() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxSchemaNameLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxStatementLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxStatements() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxTableNameLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxTablesInSelect() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getMaxUserNameLength() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getNumericFunctions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getPrimaryKeys(String a0, String a1, String a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getProcedureColumns(String a0, String a1, String a2, String a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getProcedureTerm() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getProcedures(String a0, String a1, String a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getPseudoColumns(String a0, String a1, String a2, String a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getResultSetHoldability() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getSQLKeywords() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getSQLStateType() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getSchemaTerm() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getSchemas() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getSchemas(String a0, String a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getSearchStringEscape() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getStringFunctions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getSuperTables(String a0, String a1, String a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getSuperTypes(String a0, String a1, String a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getSystemFunctions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getTablePrivileges(String a0, String a1, String a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getTableTypes() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getTables(String a0, String a1, String a2, String[] a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getTimeDateFunctions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getTypeInfo() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getUDTs(String a0, String a1, String a2, int[] a3) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ResultSet getVersionColumns(String a0, String a1, String a2) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean insertsAreDetected(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isCatalogAtStart() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isReadOnly() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean locatorsUpdateCopy() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean nullsAreSortedHigh() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean nullsAreSortedLow() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean othersDeletesAreVisible(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean othersInsertsAreVisible(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean othersUpdatesAreVisible(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean ownDeletesAreVisible(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean ownInsertsAreVisible(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean ownUpdatesAreVisible(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsANSI92FullSQL() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsBatchUpdates() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsColumnAliasing() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsConvert() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsConvert(int a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsCoreSQLGrammar() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsCorrelatedSubqueries() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsExpressionsInOrderBy() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsExtendedSQLGrammar() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsFullOuterJoins() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsGroupBy() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsGroupByBeyondSelect() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsGroupByUnrelated() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsLikeEscapeClause() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsLimitedOuterJoins() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsMinimumSQLGrammar() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsMultipleOpenResults() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsMultipleResultSets() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsMultipleTransactions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsNamedParameters() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsNonNullableColumns() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsOrderByUnrelated() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsOuterJoins() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsPositionedDelete() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsPositionedUpdate() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsRefCursors() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsResultSetConcurrency(int a0, int a1) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsResultSetHoldability(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsResultSetType(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSavepoints() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSelectForUpdate() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSharding() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsStatementPooling() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsStoredProcedures() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSubqueriesInComparisons() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsTableCorrelationNames() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsTransactions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsUnion() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsUnionAll() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean updatesAreDetected(int a0) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean usesLocalFilePerTable() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean usesLocalFiles() {
        throw new UnsupportedOperationException("stub");
    }
}
