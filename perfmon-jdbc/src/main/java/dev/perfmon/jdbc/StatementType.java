package dev.perfmon.jdbc;

/**
 * The kind of a SQL statement, read from its first keyword: the {@code type} tag of
 * {@code jdbc.query} and the breakdown of {@link StatementCounts}. Anything that is not a
 * select, insert, update or delete ({@code call}, {@code merge}, DDL, {@code with ...}) is
 * {@link #OTHER}.
 */
public enum StatementType {
    /** {@code select ...} */
    SELECT,
    /** {@code insert ...} */
    INSERT,
    /** {@code update ...} */
    UPDATE,
    /** {@code delete ...} */
    DELETE,
    /** every other statement */
    OTHER
}
