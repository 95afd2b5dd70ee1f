package dev.perfmon.benchmarks.jdbc;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@link JdbcScopeBenchmark}'s four rows taking turns in short slices round after round (order
 * rotated each round), so load from other processes falls on each alike. Prints per row the
 * median slice time per scope and the bytes per scope allocated on the thread, and the medians
 * of the per-round ratios decorated / undecorated for the shared and the distinct scope.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.perfmon.benchmarks.jdbc.JdbcScopeInterleaved [rounds]</pre>
 */
public final class JdbcScopeInterleaved {

    private static final int SCOPES_PER_SLICE = 500;
    private static final int WARMUP_ROUNDS = 30;
    private static final String[] NAMES = {"rawShared", "perfmonShared", "rawDistinct", "perfmonDistinct"};

    private JdbcScopeInterleaved() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        JdbcScopeBenchmark bench = new JdbcScopeBenchmark();
        bench.setUp();
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[][] ns = new double[NAMES.length][rounds];
        double[][] bytes = new double[NAMES.length][rounds];
        long sink = 0;
        try {
            for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
                for (int i = 0; i < NAMES.length; i++) {
                    int row = (i + round) % NAMES.length;
                    long allocatedBefore = allocation.getCurrentThreadAllocatedBytes();
                    long start = System.nanoTime();
                    for (int n = 0; n < SCOPES_PER_SLICE; n++) {
                        sink += run(bench, row);
                    }
                    long elapsed = System.nanoTime() - start;
                    long allocated = allocation.getCurrentThreadAllocatedBytes() - allocatedBefore;
                    if (round >= WARMUP_ROUNDS) {
                        ns[row][round - WARMUP_ROUNDS] = elapsed / (double) SCOPES_PER_SLICE;
                        bytes[row][round - WARMUP_ROUNDS] = allocated / (double) SCOPES_PER_SLICE;
                    }
                }
            }
        } finally {
            bench.tearDown();
        }
        System.out.printf("%d rounds of %d scopes per row after %d warm-up rounds (checksum %d)%n", rounds,
                SCOPES_PER_SLICE, WARMUP_ROUNDS, sink);
        for (int row = 0; row < NAMES.length; row++) {
            System.out.printf("%-16s median %8.0f ns, lowest %8.0f ns, %7.0f B/scope (median)%n", NAMES[row],
                    quantile(ns[row], 0.5), quantile(ns[row], 0), quantile(bytes[row], 0.5));
        }
        for (int row = 1; row < NAMES.length; row += 2) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = ns[row][r] / ns[row - 1][r];
            }
            System.out.printf("%s / %s: median %.3f (quartiles %.3f-%.3f)%n", NAMES[row], NAMES[row - 1],
                    quantile(ratio, 0.5), quantile(ratio, 0.25), quantile(ratio, 0.75));
        }
    }

    private static long run(JdbcScopeBenchmark bench, int row) throws Exception {
        switch (row) {
            case 0:
                return bench.rawShared();
            case 1:
                return bench.perfmonShared();
            case 2:
                return bench.rawDistinct();
            default:
                return bench.perfmonDistinct();
        }
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }
}
