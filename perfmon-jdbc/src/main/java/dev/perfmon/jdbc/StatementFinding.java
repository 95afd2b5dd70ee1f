package dev.perfmon.jdbc;

import dev.perfmon.core.event.PerfMonEvent;

/**
 * A finding about one statement shape on one data source ({@link NPlusOneDetected},
 * {@link DuplicateQuery}): the default log keeps one line per data source and statement
 * fingerprint, so two findings of one route (two associations) are two lines.
 */
public interface StatementFinding extends PerfMonEvent {

    /** @return the {@code datasource} name of the {@link PerfMonDataSource} */
    String dataSource();

    /** @return the normalized statement ({@link SqlFingerprint}) */
    String fingerprint();

    /** @return the data source and statement fingerprint */
    @Override
    default String logKey() {
        return dataSource() + ' ' + fingerprint();
    }
}
