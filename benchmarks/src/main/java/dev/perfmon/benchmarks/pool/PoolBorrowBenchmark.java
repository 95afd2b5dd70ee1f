package dev.perfmon.benchmarks.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HikariCP borrow/return cycle ({@code getConnection()} then {@code close()}) over in-memory
 * H2, the same pool configuration with different metrics trackers:
 * <ul>
 *   <li>{@code hikariMicrometer}: HikariCP's own {@link MicrometerMetricsTrackerFactory}, the peer;</li>
 *   <li>{@code perfmon}: perfmon's tracker factory (which delegates to that same Micrometer tracker),
 *       outside any request scope;</li>
 *   <li>{@code perfmonInScope}: the same inside a request scope (route lookup, {@code db.pool} segment);</li>
 *   <li>{@code perfmonInScopeWithStacks}: plus acquisition-stack capture (off by default);</li>
 *   <li>{@code noMetrics}: HikariCP without any tracker, the floor.</li>
 * </ul>
 * The perfmon pools' 50 ms sampler thread runs during the measurement, as it would in production.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PoolBorrowBenchmark {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PerfMon perfMonUnscoped;
    private PerfMon perfMon;
    private PerfMon perfMonWithStacks;
    private HikariDataSource hikariMicrometer;
    private HikariDataSource perfmonUnscoped;
    private HikariDataSource perfmon;
    private HikariDataSource perfmonWithStacks;
    private HikariDataSource noMetrics;
    private RequestScope scope;
    private RequestScope scopeWithStacks;

    @Setup(Level.Trial)
    public void setUp() {
        hikariMicrometer = new HikariDataSource(config("hikari",
                new MicrometerMetricsTrackerFactory(new SimpleMeterRegistry())));
        perfMonUnscoped = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        perfmonUnscoped = PerfMonPoolMonitor.builder(perfMonUnscoped).build()
                .createDataSource(config("perfmon-unscoped", null));
        perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        perfmon = PerfMonPoolMonitor.builder(perfMon).build().createDataSource(config("perfmon", null));
        perfMonWithStacks = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        perfmonWithStacks = PerfMonPoolMonitor.builder(perfMonWithStacks).captureAcquisitionStacks(true).build()
                .createDataSource(config("perfmon-stacks", null));
        noMetrics = new HikariDataSource(config("bare", null));
    }

    /** Scopes are bound to the measuring thread, so they are opened per iteration on it. */
    @Setup(Level.Iteration)
    public void openScopes() {
        scope = perfMon.openScope("GET /posts");
        scopeWithStacks = perfMonWithStacks.openScope("GET /posts");
    }

    @TearDown(Level.Iteration)
    public void closeScopes() {
        scopeWithStacks.close();
        scope.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        hikariMicrometer.close();
        perfmonUnscoped.close();
        perfmon.close();
        perfmonWithStacks.close();
        noMetrics.close();
        perfMonUnscoped.close();
        perfMon.close();
        perfMonWithStacks.close();
    }

    private static HikariConfig config(String name, MicrometerMetricsTrackerFactory factory) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pool-bench-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPoolName(name);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        if (factory != null) {
            config.setMetricsTrackerFactory(factory);
        }
        return config;
    }

    @Benchmark
    public Connection hikariMicrometer() throws SQLException {
        return cycle(hikariMicrometer);
    }

    @Benchmark
    public Connection perfmon() throws SQLException {
        return cycle(perfmonUnscoped);
    }

    @Benchmark
    public Connection perfmonInScope() throws SQLException {
        return cycle(perfmon);
    }

    @Benchmark
    public Connection perfmonInScopeWithStacks() throws SQLException {
        return cycle(perfmonWithStacks);
    }

    @Benchmark
    public Connection noMetrics() throws SQLException {
        return cycle(noMetrics);
    }

    private static Connection cycle(HikariDataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.close();
        return connection;
    }
}
