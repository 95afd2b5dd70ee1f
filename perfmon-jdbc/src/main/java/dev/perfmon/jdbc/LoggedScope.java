package dev.perfmon.jdbc;

import java.util.List;
import java.util.Objects;

/**
 * A scope that ran SQL and closed while a {@link StatementLog} was attached.
 *
 * @param route the scope's final route ({@code GET /orders/{id}}, {@code test:OrderTest.lists})
 * @param counts its round trips by type, every one of them
 * @param statements each statement shape it ran while the log was attached, in first-run order
 *     (at most {@value dev.perfmon.jdbc.internal.ScopeLog#MAX_SHAPES} shapes; {@code counts} stays complete)
 */
public record LoggedScope(String route, StatementCounts counts, List<ExecutedStatement> statements) {

    public LoggedScope {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(counts, "counts");
        statements = List.copyOf(statements);
    }
}
