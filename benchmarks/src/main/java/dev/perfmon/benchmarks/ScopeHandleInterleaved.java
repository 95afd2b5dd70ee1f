package dev.perfmon.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * {@link ScopeBenchmark}'s scope rows with and without a per-scope handle, taking turns in short
 * slices round after round (order rotated each round), so load from other processes falls on
 * each alike: a loaded machine moves separate JMH runs by more than the few percent in question.
 * Prints per row the median slice time per scope, the bytes per scope allocated on the thread,
 * and the median of the per-round ratio of each handle row to its row without a handle.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.perfmon.benchmarks.ScopeHandleInterleaved [rounds]</pre>
 */
public final class ScopeHandleInterleaved {

    private static final int SCOPES_PER_SLICE = 20_000;
    private static final int WARMUP_ROUNDS = 30;

    private ScopeHandleInterleaved() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        ScopeBenchmark bench = new ScopeBenchmark();
        bench.setUp();
        String[] names = {"scopeWithoutSegments", "scopeWithoutSegmentsThroughHandle", "scopeWithThreeSegments",
            "scopeWithThreeSegmentsThroughHandle"};
        LongSupplier[] rows = {
            () -> bench.scopeWithoutSegments() ? 1 : 0,
            () -> bench.scopeWithoutSegmentsThroughHandle() ? 1 : 0,
            bench::scopeWithThreeSegments,
            bench::scopeWithThreeSegmentsThroughHandle,
        };
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[][] ns = new double[rows.length][rounds];
        double[][] bytes = new double[rows.length][rounds];
        long sink = 0;
        try {
            for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
                for (int i = 0; i < rows.length; i++) {
                    int row = (i + round) % rows.length;
                    long allocatedBefore = allocation.getCurrentThreadAllocatedBytes();
                    long start = System.nanoTime();
                    for (int n = 0; n < SCOPES_PER_SLICE; n++) {
                        sink += rows[row].getAsLong();
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
        for (int row = 0; row < rows.length; row++) {
            System.out.printf("%-38s median %7.1f ns, lowest %7.1f ns, %6.1f B/scope (median)%n", names[row],
                    median(ns[row]), quantile(ns[row], 0), median(bytes[row]));
        }
        for (int row = 1; row < rows.length; row += 2) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = ns[row][r] / ns[row - 1][r];
            }
            System.out.printf("%s / %s: median %.3f (quartiles %.3f-%.3f)%n", names[row], names[row - 1],
                    median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75));
        }
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }
}
