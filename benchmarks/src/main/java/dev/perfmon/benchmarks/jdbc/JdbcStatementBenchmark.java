package dev.perfmon.benchmarks.jdbc;

import com.p6spy.engine.common.StatementInformation;
import com.p6spy.engine.event.SimpleJdbcEventListener;
import com.p6spy.engine.spy.P6DataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.Segment;
import dev.perfmon.jdbc.PerfMonDataSource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.ttddyy.dsproxy.QueryCountHolder;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-statement cost of JDBC instrumentation over a stub driver that does no I/O and allocates
 * nothing, so each row is the instrumentation alone: prepare, bind one parameter, execute,
 * read the (empty) result, close. Peers in the same run: the raw stub, perfmon's
 * {@link PerfMonDataSource}, net.ttddyy datasource-proxy with its query-counting listener and
 * p6spy with a listener counting executions and their time (its file logging off).
 *
 * <p>{@code rawTimedFloor} is the least any Micrometer-timed decorator must do per statement:
 * two {@code System.nanoTime()} reads and one {@code Timer.record} (which reads the wall clock
 * for its max window). On a VM where a clock read is slow, that floor dominates every row.
 *
 * <p>Scope rows: {@code rawInRequestScope} and {@code perfmonInRequestScope} open a request
 * scope around one statement; {@code rawTimedInRequestScope} adds by hand what feeding the scope
 * costs anyone (clock reads, timer, {@code db.query} segment, statement count, and the breakdown
 * core publishes at close). {@code perfmonInRequestScope} minus it is the decorator's own work
 * in a scope: wrappers, fingerprint lookup, N+1 bookkeeping, the scope hook.
 * {@code perfmonInLongScope} runs every statement in one long-lived scope (a batch job): the
 * fingerprint repeats forever, so call sites are sampled by stack walks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JdbcStatementBenchmark {

    static final String SQL = "select p.id, p.title, p.author_id from posts p where p.id = ?";

    PerfMon perfMon;
    Timer floorTimer;
    Connection raw;
    Connection perfmon;
    Connection datasourceProxy;
    Connection p6spy;
    final LongAdder p6spyExecutions = new LongAdder();
    final LongAdder p6spyNanos = new LongAdder();
    long id;

    @Setup
    public void setUp() throws SQLException {
        // p6spy: the spy module only, no file logging; a listener doing what the others do (count, time).
        System.setProperty("p6spy.config.modulelist", "com.p6spy.engine.spy.P6SpyFactory");
        StubDataSource stub = new StubDataSource();
        perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build())
                .build();
        raw = stub.getConnection();
        floorTimer = Timer.builder("jdbc.query").tag("datasource", "floor").register(perfMon.registry());
        perfmon = PerfMonDataSource.builder(stub, perfMon).name("bench").build().getConnection();
        datasourceProxy = ProxyDataSourceBuilder.create("bench", stub).countQuery().build().getConnection();
        P6DataSource spied = new P6DataSource(stub);
        spied.setJdbcEventListenerFactory(() -> new CountingListener(p6spyExecutions, p6spyNanos));
        p6spy = spied.getConnection();
    }

    @TearDown
    public void tearDown() {
        perfMon.close();
        QueryCountHolder.clear();
    }

    /** A request scope held open for a whole measurement iteration. */
    @State(Scope.Thread)
    public static class LongScope {
        RequestScope scope;

        @Setup(Level.Iteration)
        public void open(JdbcStatementBenchmark benchmark) {
            scope = benchmark.perfMon.openScope("job:import");
        }

        @TearDown(Level.Iteration)
        public void close() {
            scope.close();
        }
    }

    static long statement(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : id;
            }
        }
    }

    @Benchmark
    public long raw() throws SQLException {
        return statement(raw, ++id);
    }

    /** One {@code System.nanoTime()}: the unit the timing floor is made of on this machine. */
    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    @Benchmark
    public long rawTimedFloor() throws SQLException {
        long start = System.nanoTime();
        long result = statement(raw, ++id);
        floorTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    @Benchmark
    public long perfmon() throws SQLException {
        return statement(perfmon, ++id);
    }

    @Benchmark
    public long datasourceProxy() throws SQLException {
        return statement(datasourceProxy, ++id);
    }

    @Benchmark
    public long p6spy() throws SQLException {
        return statement(p6spy, ++id);
    }

    @Benchmark
    public long rawInRequestScope() throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /posts/{id}")) {
            return statement(raw, ++id);
        }
    }

    @Benchmark
    public long rawTimedInRequestScope() throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /posts/{id}")) {
            long start = System.nanoTime();
            long result = statement(raw, ++id);
            long nanos = System.nanoTime() - start;
            floorTimer.record(nanos, TimeUnit.NANOSECONDS);
            scope.recordSegment(Segment.DB_QUERY, nanos);
            scope.increment(ScopeCounter.STATEMENTS);
            return result;
        }
    }

    @Benchmark
    public long perfmonInRequestScope() throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /posts/{id}")) {
            return statement(perfmon, ++id);
        }
    }

    @Benchmark
    public long perfmonInLongScope(LongScope scope) throws SQLException {
        return statement(perfmon, ++id);
    }

    /** Counts executions and their time, like datasource-proxy's query-count listener. */
    static final class CountingListener extends SimpleJdbcEventListener {
        private final LongAdder executions;
        private final LongAdder nanos;

        CountingListener(LongAdder executions, LongAdder nanos) {
            this.executions = executions;
            this.nanos = nanos;
        }

        @Override
        public void onAfterAnyExecute(StatementInformation statementInformation, long timeElapsedNanos,
                                      SQLException e) {
            executions.increment();
            nanos.add(timeElapsedNanos);
        }
    }
}
