package dev.perfmon.jdbc.internal;

import dev.perfmon.core.TimelineEntry;

import java.sql.Statement;

/**
 * The rows a JDBC batch changed: the sum of its update counts, or {@link TimelineEntry#NO_ROWS}
 * when the driver reported any of them as unknown ({@link Statement#SUCCESS_NO_INFO}, as
 * PostgreSQL does for rewritten batches, or {@link Statement#EXECUTE_FAILED}) or no array.
 */
final class BatchRows {

    private BatchRows() {
    }

    static long sum(int[] counts) {
        long sum = counts == null ? TimelineEntry.NO_ROWS : 0;
        for (int i = 0; sum >= 0 && i < counts.length; i++) {
            sum = plus(sum, counts[i]);
        }
        return sum;
    }

    static long sum(long[] counts) {
        long sum = counts == null ? TimelineEntry.NO_ROWS : 0;
        for (int i = 0; sum >= 0 && i < counts.length; i++) {
            sum = plus(sum, counts[i]);
        }
        return sum;
    }

    private static long plus(long sum, long count) {
        return count < 0 ? TimelineEntry.NO_ROWS : sum + count;
    }
}
