package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What perfmon knows of a HikariCP metrics tracker factory that already attributes connection-acquisition wait
 * to the request scope's {@code db.pool} segment. The DataSource decorator asks
 * {@link #recordsPoolWait(DataSource)} once, at construction, so that wait is never counted twice
 * when both the decorator and the pool monitor are installed. The same factory hands the
 * decorator the board where it registers acquisitions in progress
 * ({@link #pendingAcquisitions(String, PerfMon)}), so the pool monitor can name threads that are
 * still waiting.
 */
@FunctionalInterface
public interface PoolWaitRecorder {

    /** The recorders of perfmon's tracker factories, by factory; a factory no longer referenced is dropped. */
    Map<Object, PoolWaitRecorder> BY_FACTORY = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Says that {@code factory} records pool wait. The recorder must not reference the factory,
     * or the factory would never be dropped.
     */
    static void register(Object factory, PoolWaitRecorder recorder) {
        BY_FACTORY.put(factory, recorder);
    }

    /** @return the recorder of a HikariCP metrics tracker factory, or {@code null} when it is not perfmon's */
    static @Nullable PoolWaitRecorder of(@Nullable Object factory) {
        return factory == null ? null : BY_FACTORY.get(factory);
    }

    /**
     * @param target the DataSource a decorator wraps
     * @return whether it is (or wraps) a HikariCP pool whose metrics tracker factory records pool wait
     */
    static boolean recordsPoolWait(DataSource target) {
        try {
            if (target.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = target.unwrap(HikariDataSource.class);
                return of(hikari.getMetricsTrackerFactory()) != null;
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
    @Nullable PendingAcquisitions pendingAcquisitions(String poolName, PerfMon perfMon);
}
