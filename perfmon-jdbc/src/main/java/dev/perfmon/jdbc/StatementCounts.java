package dev.perfmon.jdbc;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.jdbc.internal.SqlType;

import java.util.Objects;

/**
 * The SQL round trips of one request scope by {@link StatementType}, over every
 * {@link PerfMonDataSource} of its {@code PerfMon}; a JDBC batch is one round trip of its type.
 * Read with {@link #of(RequestScope)} while the scope is open or from a
 * {@link dev.perfmon.core.ScopeHook}; {@link StatementLog} hands them out for every scope it saw close.
 *
 * <p>The data sources keep these counts as scope counters ({@code db.statements.select},
 * {@code db.statements.insert}, {@code .update}, {@code .delete}, {@code .other}, next to the
 * total {@code db.statements}), so counting costs no allocation.
 *
 * @param select round trips of {@code select} statements
 * @param insert round trips of {@code insert} statements
 * @param update round trips of {@code update} statements
 * @param delete round trips of {@code delete} statements
 * @param other round trips of every other statement
 */
public record StatementCounts(long select, long insert, long update, long delete, long other) {

    /** No statement. */
    public static final StatementCounts NONE = new StatementCounts(0, 0, 0, 0, 0);

    /**
     * @param scope an open scope, or one being closed (in a scope hook)
     * @return the round trips the scope's data sources counted so far
     */
    public static StatementCounts of(RequestScope scope) {
        Objects.requireNonNull(scope, "scope");
        return new StatementCounts(count(scope, SqlType.SELECT), count(scope, SqlType.INSERT),
                count(scope, SqlType.UPDATE), count(scope, SqlType.DELETE), count(scope, SqlType.OTHER));
    }

    private static long count(RequestScope scope, SqlType type) {
        ScopeCounter counter = type.scopeCounter();
        return scope.counter(counter);
    }

    /** @return round trips of every type */
    public long total() {
        return select + insert + update + delete + other;
    }

    /** @return round trips of {@code type} */
    public long get(StatementType type) {
        switch (Objects.requireNonNull(type, "type")) {
            case SELECT:
                return select;
            case INSERT:
                return insert;
            case UPDATE:
                return update;
            case DELETE:
                return delete;
            default:
                return other;
        }
    }

    /** @return these counts and {@code more}, type by type */
    public StatementCounts plus(StatementCounts more) {
        return new StatementCounts(select + more.select, insert + more.insert, update + more.update,
                delete + more.delete, other + more.other);
    }
}
