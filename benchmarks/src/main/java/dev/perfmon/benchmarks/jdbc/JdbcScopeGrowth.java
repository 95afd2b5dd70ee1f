package dev.perfmon.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.PerfMonDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * How a scope's cost grows with the statements it runs: one scope of 1k, 100k or 1M statements
 * over HikariCP and in-memory H2, the statements spread over 1, 10 or 1,000 fingerprints, run
 * undecorated and through {@link PerfMonDataSource} alternately in one JVM. For each run it
 * prints the time per statement, the heap the open scope retains after a full GC (measured
 * against the heap after the scope closed) and the time {@code close()} takes.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.perfmon.benchmarks.jdbc.JdbcScopeGrowth [rounds]</pre>
 */
public final class JdbcScopeGrowth {

    private static final int ROWS = 1000;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final PerfMon perfMon;
    private final DataSource raw;
    private final DataSource perfmon;

    private JdbcScopeGrowth(PerfMon perfMon, DataSource raw, DataSource perfmon) {
        this.perfMon = perfMon;
        this.raw = raw;
        this.perfmon = perfmon;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build())
                .build();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:growth;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPoolName("growth");
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection connection = pool.getConnection(); Statement ddl = connection.createStatement()) {
                ddl.execute("create table posts (id bigint primary key, title varchar(100))");
                for (int i = 0; i < ROWS; i++) {
                    ddl.execute("insert into posts values (" + i + ", 'post " + i + "')");
                }
            }
            JdbcScopeGrowth growth = new JdbcScopeGrowth(perfMon,
                    pool, PerfMonDataSource.builder(pool, perfMon).name("growth").build());
            // Warm-up: both paths compiled before anything is recorded.
            for (int i = 0; i < 3; i++) {
                growth.run(growth.raw, 100_000, 10);
                growth.run(growth.perfmon, 100_000, 10);
            }
            System.out.println("statements,fingerprints,side,round,ns_per_statement,retained_bytes,close_us");
            int[] sizes = {1_000, 100_000, 1_000_000};
            int[] fingerprints = {1, 10, 1000};
            for (int size : sizes) {
                for (int shapes : fingerprints) {
                    for (int round = 0; round < rounds; round++) {
                        print(size, shapes, "raw", round, growth.run(growth.raw, size, shapes));
                        print(size, shapes, "perfmon", round, growth.run(growth.perfmon, size, shapes));
                    }
                }
            }
        }
        perfMon.close();
    }

    private static void print(int size, int shapes, String side, int round, long[] r) {
        System.out.printf(Locale.ROOT, "%d,%d,%s,%d,%.0f,%d,%.1f%n", size, shapes, side, round,
                (double) r[0] / size, r[1], r[2] / 1000.0);
    }

    /** @return total statement nanos, bytes the open scope retained, nanos to close it */
    private long[] run(DataSource dataSource, int statements, int shapes) throws SQLException {
        String[] sql = new String[shapes];
        for (int k = 0; k < shapes; k++) {
            sql[k] = "select p.id, p.title as t" + k + " from posts p where p.id = ?";
        }
        RequestScope scope = perfMon.openScope("GET /growth");
        long elapsed;
        try (Connection connection = dataSource.getConnection()) {
            long start = System.nanoTime();
            for (int i = 0; i < statements; i++) {
                query(connection, sql[i % shapes], i % ROWS);
            }
            elapsed = System.nanoTime() - start;
        }
        long open = heapAfterGc();
        long closeStart = System.nanoTime();
        scope.close();
        long close = System.nanoTime() - closeStart;
        long closed = heapAfterGc();
        return new long[] {elapsed, open - closed, close};
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static void query(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    rows.getString(2);
                }
            }
        }
    }
}
