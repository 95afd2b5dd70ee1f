package dev.perfmon.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Marks a HikariCP metrics tracker factory that already attributes connection-acquisition wait
 * to the request scope's {@code db.pool} segment. The DataSource decorator asks
 * {@link #recordsPoolWait(DataSource)} once, at construction, so that wait is never counted twice
 * when both the decorator and the pool monitor are installed. The same factory hands the
 * decorator the board where it registers acquisitions in progress
 * ({@link #pendingAcquisitions(String, PerfMon)}), so the pool monitor can name threads that are
 * still waiting.
 */
public interface PoolWaitRecorder {

    /**
     * @param target the DataSource a decorator wraps
     * @return whether it is (or wraps) a HikariCP pool whose metrics tracker factory records pool wait
     */
    static boolean recordsPoolWait(DataSource target) {
        try {
            if (target.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = target.unwrap(HikariDataSource.class);
                return hikari.getMetricsTrackerFactory() instanceof PoolWaitRecorder;
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /**
     * @param poolName the HikariCP pool name
     * @param perfMon the decorator's {@link PerfMon}; waits are timed with its clock
     * @return where a decorator of that pool registers acquisitions in progress, or {@code null}
     *     when this factory does not read them (or reports to another {@link PerfMon})
     */
    default PendingAcquisitions pendingAcquisitions(String poolName, PerfMon perfMon) {
        return null;
    }
}
