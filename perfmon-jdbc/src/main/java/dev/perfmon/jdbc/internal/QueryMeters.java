package dev.perfmon.jdbc.internal;

import dev.perfmon.core.ContainedMeters;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one data source, registered up front: {@code jdbc.query{datasource,type,outcome}}
 * for every type and outcome, and {@code jdbc.batch.size{datasource}}. The hot path indexes an
 * array; it never looks a meter up. A meter the registry refuses is a stand-in that counts its
 * records as lost under {@code jdbc}: building the decorator never throws.
 */
final class QueryMeters {

    static final String QUERY_METER = "jdbc.query";
    static final String BATCH_METER = "jdbc.batch.size";

    private final Timer[] timers;
    final DistributionSummary batchSizes;

    QueryMeters(ContainedMeters registry, String dataSource) {
        SqlType[] types = SqlType.values();
        timers = new Timer[types.length * 2];
        for (SqlType type : types) {
            timers[type.ordinal() * 2] = timer(registry, dataSource, type, "success");
            timers[type.ordinal() * 2 + 1] = timer(registry, dataSource, type, "error");
        }
        batchSizes = registry.summary(DistributionSummary.builder(BATCH_METER)
                .description("Statements per JDBC batch (one round trip each)")
                .baseUnit("statements")
                .tag("datasource", dataSource));
    }

    private static Timer timer(ContainedMeters registry, String dataSource, SqlType type, String outcome) {
        return registry.timer(Timer.builder(QUERY_METER)
                .description("SQL statement executions (round trips), a batch counting once")
                .tag("datasource", dataSource)
                .tag("type", type.tagValue())
                .tag("outcome", outcome));
    }

    Timer timer(SqlType type, boolean success) {
        return timers[type.ordinal() * 2 + (success ? 0 : 1)];
    }
}
