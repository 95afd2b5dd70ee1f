package dev.perfmon.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.PerfMonDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A request scope of three statements over HikariCP and in-memory H2, what the N+1 detector
 * sees in a small request: one connection, three queries, scope closed (and analysed).
 * {@code shared*} runs one statement shape three times with different ids (a fingerprint that
 * repeats, short of any finding); {@code distinct*} runs three different shapes once each.
 * {@code raw*} is the same pool undecorated, inside the same kind of scope.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JdbcScopeBenchmark {

    static final String BY_ID = "select p.id, p.title from posts p where p.id = ?";
    static final String[] DISTINCT = {
            "select p.id, p.title from posts p where p.id = ?",
            "select p.title from posts p where p.id = ?",
            "select p.id from posts p where p.id = ?"};

    PerfMon perfMon;
    HikariDataSource pool;
    DataSource raw;
    DataSource perfmon;
    long id;

    @Setup
    public void setUp() throws SQLException {
        perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build())
                .build();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:scope-bench;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPoolName("scope-bench");
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        try (Connection connection = pool.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("create table posts (id bigint primary key, title varchar(100))");
            for (int i = 0; i < 100; i++) {
                ddl.execute("insert into posts values (" + i + ", 'post " + i + "')");
            }
        }
        raw = pool;
        perfmon = PerfMonDataSource.builder(pool, perfMon).name("bench").build();
    }

    @TearDown
    public void tearDown() {
        pool.close();
        perfMon.close();
    }

    private long shared(DataSource dataSource) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /posts");
             Connection connection = dataSource.getConnection()) {
            long sum = 0;
            for (int i = 0; i < 3; i++) {
                sum += query(connection, BY_ID, ++id % 100);
            }
            return sum;
        }
    }

    private long distinct(DataSource dataSource) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /posts");
             Connection connection = dataSource.getConnection()) {
            long sum = 0;
            for (String sql : DISTINCT) {
                sum += query(connection, sql, ++id % 100);
            }
            return sum;
        }
    }

    private static long query(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(rows.getMetaData().getColumnCount()).length() : 0;
            }
        }
    }

    @Benchmark
    public long rawShared() throws SQLException {
        return shared(raw);
    }

    @Benchmark
    public long perfmonShared() throws SQLException {
        return shared(perfmon);
    }

    @Benchmark
    public long rawDistinct() throws SQLException {
        return distinct(raw);
    }

    @Benchmark
    public long perfmonDistinct() throws SQLException {
        return distinct(perfmon);
    }
}
