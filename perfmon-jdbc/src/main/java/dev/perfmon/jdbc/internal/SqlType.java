package dev.perfmon.jdbc.internal;

/** The kind of a SQL statement, the {@code type} tag of {@code jdbc.query}. */
public enum SqlType {
    SELECT("select"),
    INSERT("insert"),
    UPDATE("update"),
    DELETE("delete"),
    OTHER("other");

    private final String tagValue;

    SqlType(String tagValue) {
        this.tagValue = tagValue;
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
