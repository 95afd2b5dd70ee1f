package dev.perfmon.jdbc.internal;

import dev.perfmon.core.ScopeCounter;

/**
 * The kind of a SQL statement, the {@code type} tag of {@code jdbc.query}. Each kind also has a
 * scope counter ({@code db.statements.select}, ...), next to the scope's total
 * {@link ScopeCounter#STATEMENTS}. Declared in the order of {@link dev.perfmon.jdbc.StatementType}.
 */
public enum SqlType {
    SELECT("select"),
    INSERT("insert"),
    UPDATE("update"),
    DELETE("delete"),
    OTHER("other");

    private final String tagValue;
    private final ScopeCounter scopeCounter;

    SqlType(String tagValue) {
        this.tagValue = tagValue;
        this.scopeCounter = ScopeCounter.of("db.statements." + tagValue);
    }

    /** @return the scope counter of this kind's round trips */
    public ScopeCounter scopeCounter() {
        return scopeCounter;
    }

    /**
     * @return whether statements of this kind read (a select, a {@code with} query, a call):
     *     only those are judged as N+1s and duplicates. A loop of single-row writes (identity
     *     inserts Hibernate cannot batch, per-entity updates at flush) is no N+1, and re-running a
     *     write is no result to reuse.
     */
    public boolean reads() {
        return this == SELECT || this == OTHER;
    }

    /** @return the lower-case tag value */
    public String tagValue() {
        return tagValue;
    }

    static SqlType ofVerb(String word) {
        switch (word) {
            case "select":
                return SELECT;
            case "insert":
                return INSERT;
            case "update":
                return UPDATE;
            case "delete":
                return DELETE;
            default:
                return OTHER;
        }
    }
}
