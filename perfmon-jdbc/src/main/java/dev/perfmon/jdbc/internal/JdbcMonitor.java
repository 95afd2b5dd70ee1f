package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.Segment;
import dev.perfmon.core.TimelineEntry;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.SqlDiagnosis;
import dev.perfmon.jdbc.pool.PoolDiagnosis;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Everything the JDBC wrappers of one data source share: clock, meters, SQL cache, N+1
 * detector. Each round trip runs through {@link #roundTrip}, which never
 * throw: a failure inside perfmon is recorded and the application's result or exception goes on
 * unchanged.
 */
public final class JdbcMonitor {

    /** The route of work outside any request scope, as the pool monitor names it. */
    private static final String NO_ROUTE = "none";
    /** The component perfmon's JDBC failures and lost measurements are counted under. */
    public static final String COMPONENT = "jdbc";

    private final PerfMon perfMon;
    private final Clock clock;
    private final String dataSource;
    private final ContainedMeters contained;
    private final QueryMeters meters;
    private final SqlInfoCache sqlCache;
    private final @Nullable NPlusOneDetector detector;
    /** Finds the call site of a statement for an attached {@link dev.perfmon.jdbc.StatementLog}. */
    private final CallSites callSites;
    private final boolean recordsPoolWait;
    /** {@code null} unless the wrapped pool is monitored for the same {@link PerfMon}. */
    private final @Nullable PendingAcquisitionsLink pendingAcquisitions;

    /** A monitor that registers no acquisitions in progress. */
    public JdbcMonitor(PerfMon perfMon, String dataSource, NPlusOneConfig config, int sqlCacheSize,
                       boolean recordsPoolWait) {
        this(perfMon, dataSource, config, sqlCacheSize, recordsPoolWait, null);
    }

    /**
     * @param perfMon where time, counts and findings go
     * @param dataSource the {@code datasource} tag value
     * @param config the N+1 settings; when enabled, the detector is registered as a scope hook
     * @param sqlCacheSize fingerprint cache entries per generation
     * @param recordsPoolWait whether this decorator attributes {@code getConnection} time to
     *     {@code db.pool} (false when the pool monitor already does)
     * @param pendingAcquisitions where {@code getConnection} calls in progress are registered for
     *     the pool monitor, or {@code null}
     */
    public JdbcMonitor(PerfMon perfMon, String dataSource, NPlusOneConfig config, int sqlCacheSize,
                       boolean recordsPoolWait, @Nullable PendingAcquisitionsLink pendingAcquisitions) {
        this.perfMon = perfMon;
        this.clock = perfMon.clock();
        this.dataSource = dataSource;
        this.contained = perfMon.meters(COMPONENT);
        this.meters = new QueryMeters(contained, dataSource);
        this.sqlCache = new SqlInfoCache(sqlCacheSize);
        this.recordsPoolWait = recordsPoolWait;
        this.pendingAcquisitions = pendingAcquisitions;
        this.callSites = new CallSites(config.ignoredFrames(), config.applicationPackages());
        if (config.enabled()) {
            this.detector = new NPlusOneDetector(perfMon, dataSource, config);
            perfMon.addScopeHook(detector);
        } else {
            this.detector = null;
        }
        StatementLogs.register(perfMon);
        perfMon.diagnoses().register(SqlDiagnosis.INSTANCE);
        perfMon.diagnoses().register(PoolDiagnosis.INSTANCE);
    }

    public PerfMon perfMon() {
        return perfMon;
    }

    public String dataSource() {
        return dataSource;
    }

    /** @return whether {@code getConnection} time goes into the scope's {@code db.pool} segment here */
    public boolean recordsPoolWait() {
        return recordsPoolWait;
    }

    /** @return the monotonic start time of an operation */
    public long start() {
        return clock.monotonicTime();
    }

    /** @return the N+1 detector, or {@code null} when detection is off */
    @Nullable NPlusOneDetector detector() {
        return detector;
    }

    /**
     * Notes in the current scope that it is running {@code info}'s shape since {@code start}, for
     * the in-flight view.
     *
     * @return the current scope, for the end of the round trip, or {@code null}
     */
    private @Nullable RequestScope enter(SqlInfo info, long start) {
        try {
            RequestScope scope = perfMon.currentScope();
            if (scope != null) {
                scope.enter(Segment.DB_QUERY, info.fingerprint(), start);
            }
            return scope;
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(COMPONENT, failure);
            return null;
        }
    }

    /**
     * @param entered the scope current when the round trip started, or {@code null}
     * @return the scope current now: {@code entered} while it is open (a driver call does not open
     *     or close the thread's scopes, so the thread-local is read once per round trip), else looked up
     */
    private @Nullable RequestScope stillCurrent(@Nullable RequestScope entered) {
        return entered != null && entered.isOpen() ? entered : perfMon.currentScope();
    }

    SqlInfo sqlInfo(String sql) {
        return sqlCache.get(sql);
    }

    /**
     * @return the current thread's open scope, or {@code null}; never throws. A {@code getConnection}
     *     looks it up once and passes it to {@link #acquiring} and {@link #connectionAcquired}.
     */
    public @Nullable RequestScope currentScope() {
        try {
            return perfMon.currentScope();
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(COMPONENT, failure);
            return null;
        }
    }

    /**
     * Registers a {@code getConnection} call that starts now, so the pool monitor sees which
     * route waits while the call is in progress. Never throws.
     *
     * @param scope the current scope, from {@link #currentScope()}, or {@code null}
     * @param start the call's start, from {@link #start()}
     * @return the record to pass to {@link #connectionAcquired(RequestScope, long, PendingAcquisition)},
     *     or {@code null} when the pool is not monitored
     */
    public @Nullable PendingAcquisition acquiring(@Nullable RequestScope scope, long start) {
        try {
            if (scope != null) {
                scope.enter(Segment.DB_POOL, null, start);
            }
            PendingAcquisitionsLink link = pendingAcquisitions;
            if (link == null) {
                return null;
            }
            PendingAcquisitions board = link.board();
            if (board == null) {
                return null;
            }
            return board.begin(scope == null ? NO_ROUTE : scope.route(), start);
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(COMPONENT, failure);
            return null;
        }
    }

    /**
     * Ends a {@code getConnection} call that started at {@code start}, successful or not: the
     * registration from {@link #acquiring} is withdrawn and the call's time goes to the
     * scope's pool wait (unless the pool monitor records that).
     *
     * @param entered the scope passed to {@link #acquiring}: still the current one while it is open
     */
    public void connectionAcquired(@Nullable RequestScope entered, long start, @Nullable PendingAcquisition pending) {
        if (pending != null) {
            pending.end();
        }
        try {
            RequestScope scope = stillCurrent(entered);
            if (scope != null) {
                long nanos = clock.monotonicTime() - start;
                if (recordsPoolWait) {
                    scope.recordSegment(Segment.DB_POOL, nanos);
                }
                // The pool monitor, when it records the wait, cannot say when it started: the timeline takes it from here.
                scope.timeline(Segment.DB_POOL, null, start, nanos);
            }
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(COMPONENT, failure);
        }
    }

    /**
     * Times one round trip of {@code statement}: every execute method of the statement wrappers
     * comes here, the one begin/end pair. The driver call runs in {@link TimedStatement#call};
     * what follows it runs in this frame, so the call-site stack walks below it see no more
     * perfmon frames than they must. A batch ({@link TimedStatement#BATCH},
     * {@link TimedStatement#LARGE_BATCH}) is the statement's collected batch, reset afterwards.
     *
     * @return the rows the round trip changed as the driver reported them, or {@link TimelineEntry#NO_ROWS}
     */
    long roundTrip(TimedStatement statement, int call, SqlInfo info, @Nullable String sql, int keys, @Nullable Object columns)
            throws SQLException {
        long start = clock.monotonicTime();
        RequestScope entered = enter(info, start);
        boolean success = false;
        long rows = TimelineEntry.NO_ROWS;
        try {
            rows = statement.call(call, sql, keys, columns);
            success = true;
            return rows;
        } finally {
            boolean batch = call >= TimedStatement.BATCH;
            long nanos = clock.monotonicTime() - start;
            record(meters.timer(info.type(), success), nanos);
            if (batch) {
                recordBatchSize(statement.batchSize);
                statement.resetBatch();
            }
            try {
                RequestScope scope = stillCurrent(entered);
                if (scope != null) {
                    scope.recordSegment(Segment.DB_QUERY, nanos);
                    scope.timeline(Segment.DB_QUERY, info.fingerprint(), start, nanos, rows);
                    scope.increment(ScopeCounter.STATEMENTS);
                    scope.increment(info.type().scopeCounter());
                    StatementLogs.record(perfMon, scope, dataSource, info, callSites);
                    if (detector != null && batch) {
                        detector.onBatch();
                    } else if (detector != null && info.type().reads()) {
                        long full = statement.parameterHash(info, false);
                        long filter = pages(info) ? statement.parameterHash(info, true) : full;
                        detector.onStatement(scope, info, full, filter, statement.keys(info), statement.cursors(info), nanos);
                    }
                }
            } catch (RuntimeException | LinkageError failure) {
                perfMon.recordFailure(COMPONENT, failure);
            }
        }
    }

    private void recordBatchSize(int size) {
        try {
            meters.batchSizes.record(size);
        } catch (RuntimeException failure) {
            contained.lost(failure);
        }
    }

    /** A timer that throws costs this measurement, counted as lost; the scope's share is still recorded. */
    private void record(Timer timer, long nanos) {
        try {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException failure) {
            contained.lost(failure);
        }
    }

    /** @return whether some values of the statement only page (and so are left out of the N+1 comparison) */
    private static boolean pages(SqlInfo info) {
        return info.pagingOrdinals().length > 0 || info.keysetOrdinals().length > 0
                || info.literalsHash() != info.filterLiteralsHash();
    }

    @Override
    public String toString() {
        return "JdbcMonitor[" + dataSource + ']';
    }
}
