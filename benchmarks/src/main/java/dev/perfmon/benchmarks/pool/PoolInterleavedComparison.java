package dev.perfmon.benchmarks.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A/B companion to {@link PoolBorrowBenchmark} for a shared, loaded machine: the same
 * borrow/return cycle, but the pools take turns in short slices (round after round), so a
 * load spike from other processes hits every pool alike instead of whichever JMH measured at
 * that moment. Reports, per pool, the median slice time and the median of the per-round
 * ratios against HikariCP's own Micrometer tracker.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.perfmon.benchmarks.pool.PoolInterleavedComparison [rounds]</pre>
 */
public final class PoolInterleavedComparison {

    private static final int CYCLES_PER_SLICE = 20_000;
    private static final int WARMUP_ROUNDS = 60;

    private PoolInterleavedComparison() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        PerfMon unscopedPerfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        String[] names = {"hikariMicrometer", "perfmon", "perfmonInScope", "noMetrics"};
        HikariDataSource[] pools = {
            new HikariDataSource(config(1, new MicrometerMetricsTrackerFactory(new SimpleMeterRegistry()))),
            PerfMonPoolMonitor.builder(unscopedPerfMon).build().createDataSource(config(2, null)),
            PerfMonPoolMonitor.builder(perfMon).build().createDataSource(config(3, null)),
            new HikariDataSource(config(4, null)),
        };
        List<double[]> samples = new ArrayList<>();
        long sink = 0;
        try (RequestScope ignored = perfMon.openScope("GET /posts")) {
            for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
                double[] nsPerOp = new double[pools.length];
                for (int p = 0; p < pools.length; p++) {
                    // Rotate the order so no pool always runs first in a round.
                    int i = (p + round) % pools.length;
                    long start = System.nanoTime();
                    sink += slice(pools[i]);
                    nsPerOp[i] = (System.nanoTime() - start) / (double) CYCLES_PER_SLICE;
                }
                if (round >= WARMUP_ROUNDS) {
                    samples.add(nsPerOp);
                }
            }
        }
        System.out.printf("rounds=%d cycles/slice=%d (sink %d)%n", rounds, CYCLES_PER_SLICE, sink & 1);
        System.out.printf("%-18s %12s %12s %22s%n", "pool", "median ns/op", "p10 ns/op", "median ratio vs hikari");
        for (int i = 0; i < names.length; i++) {
            int index = i;
            double[] times = samples.stream().mapToDouble(s -> s[index]).sorted().toArray();
            double[] ratios = samples.stream().mapToDouble(s -> s[index] / s[0]).sorted().toArray();
            System.out.printf("%-18s %12.1f %12.1f %22.3f%n", names[i], times[times.length / 2],
                    times[times.length / 10], ratios[ratios.length / 2]);
        }
        for (HikariDataSource pool : pools) {
            pool.close();
        }
        perfMon.close();
        unscopedPerfMon.close();
    }

    /** The scope opened around the loop is on this thread, so only the perfmonInScope pool records into it. */
    private static long slice(HikariDataSource pool) throws SQLException {
        long sum = 0;
        for (int c = 0; c < CYCLES_PER_SLICE; c++) {
            Connection connection = pool.getConnection();
            sum += connection.isClosed() ? 1 : 0;
            connection.close();
        }
        return sum;
    }

    private static HikariConfig config(int id, MicrometerMetricsTrackerFactory factory) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pool-ab-" + id + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPoolName("ab-" + id);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        if (factory != null) {
            config.setMetricsTrackerFactory(factory);
        }
        return config;
    }
}
