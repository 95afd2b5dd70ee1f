package dev.perfmon.jdbc;

import dev.perfmon.core.internal.Require;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One statement shape a scope ran, as a {@link StatementLog} saw it: how often, and from where.
 * Carries no parameter value.
 *
 * @param dataSource the {@code datasource} name of the {@link PerfMonDataSource}
 * @param fingerprint the normalized statement ({@link SqlFingerprint}): literals and parameters are {@code ?}
 * @param type the statement's kind
 * @param count its round trips in the scope (a JDBC batch is one)
 * @param callSites the application frames that ran it ({@code com.example.Repo.find(Repo.java:12)},
 *     {@code unknown} when every frame belonged to a framework) with their round trips, most first
 */
public record ExecutedStatement(String dataSource, String fingerprint, StatementType type, int count,
                                Map<String, Integer> callSites) {

    public ExecutedStatement {
        Require.nonNull("dataSource, fingerprint, type", dataSource, fingerprint, type);
        callSites = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(callSites, "callSites")));
    }
}
