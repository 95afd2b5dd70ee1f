package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Connects a DataSource decorator to the {@link PendingAcquisitions} of the HikariCP pool it
 * wraps, when that pool is instrumented by perfmon's pool monitor for the same {@link PerfMon}.
 * The pool is found once, at construction ({@code unwrap(HikariDataSource.class)} and its
 * metrics tracker factory); the board is looked up by pool name as soon as the pool has one
 * (HikariCP names an unnamed pool when it starts), then cached.
 */
public final class PendingAcquisitionsLink {

    private final HikariDataSource pool;
    private final PoolWaitRecorder recorder;
    private final PerfMon perfMon;
    private volatile @Nullable PendingAcquisitions board;
    private volatile boolean settled;

    private PendingAcquisitionsLink(HikariDataSource pool, PoolWaitRecorder recorder, PerfMon perfMon) {
        this.pool = pool;
        this.recorder = recorder;
        this.perfMon = perfMon;
    }

    /**
     * @param target the DataSource a decorator wraps
     * @param perfMon the decorator's {@link PerfMon}
     * @return the link, or {@code null} when {@code target} is not a HikariCP pool with perfmon's
     *     tracker factory (nothing reads acquisitions in progress then)
     */
    public static @Nullable PendingAcquisitionsLink of(DataSource target, PerfMon perfMon) {
        try {
            if (target.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = target.unwrap(HikariDataSource.class);
                PoolWaitRecorder recorder = hikari == null ? null : PoolWaitRecorder.of(hikari.getMetricsTrackerFactory());
                if (recorder != null) {
                    return new PendingAcquisitionsLink(hikari, recorder, perfMon);
                }
            }
        } catch (SQLException | RuntimeException | LinkageError e) {
            return null; // a DataSource that cannot answer is treated as not a monitored pool
        }
        return null;
    }

    /** @return the pool's board, or {@code null} while the pool has no name yet or when none reads it */
    public @Nullable PendingAcquisitions board() {
        PendingAcquisitions b = board;
        if (b != null || settled) {
            return b;
        }
        return resolve();
    }

    private @Nullable PendingAcquisitions resolve() {
        String name = pool.getPoolName();
        if (name == null) {
            return null; // a lazily started pool is named when it starts: ask again next time
        }
        PendingAcquisitions b = recorder.pendingAcquisitions(name, perfMon);
        board = b;
        settled = true;
        return b;
    }
}
