package dev.perfmon.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Runs benchmark rows taking turns in short slices, round after round, the order rotated each
 * round, so load from other processes falls on every row alike: on a shared machine, separate JMH
 * runs move by more than the few percent a same-run comparison can still show. Keeps each slice's
 * time per operation and the bytes per operation allocated on the running thread (the JVM's
 * per-thread counter: exact whatever the load).
 */
public final class InterleavedRows {

    /** One benchmark operation. */
    @FunctionalInterface
    public interface Row {
        long run() throws Exception;
    }

    private final String[] names;
    private final double[][] ns;
    private final double[][] bytes;

    private InterleavedRows(String[] names, int rounds) {
        this.names = names;
        this.ns = new double[names.length][rounds];
        this.bytes = new double[names.length][rounds];
    }

    /** Runs {@code warmup + rounds} rounds of one slice of {@code perSlice} operations per row; keeps the last {@code rounds}. */
    public static InterleavedRows run(String[] names, Row[] rows, int perSlice, int warmup, int rounds) throws Exception {
        InterleavedRows result = new InterleavedRows(names, rounds);
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < warmup + rounds; round++) {
            for (int i = 0; i < rows.length; i++) {
                int row = (i + round) % rows.length;
                long allocatedBefore = allocation.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                for (int n = 0; n < perSlice; n++) {
                    sink += rows[row].run();
                }
                long elapsed = System.nanoTime() - start;
                long allocated = allocation.getCurrentThreadAllocatedBytes() - allocatedBefore;
                if (round >= warmup) {
                    result.ns[row][round - warmup] = elapsed / (double) perSlice;
                    result.bytes[row][round - warmup] = allocated / (double) perSlice;
                }
            }
        }
        System.out.printf("%d rounds of %d operations per row after %d warm-up rounds (checksum %d)%n", rounds,
                perSlice, warmup, sink);
        return result;
    }

    /** Prints each row's median and fastest slice time and its median bytes per operation. */
    public void printRows() {
        for (int row = 0; row < names.length; row++) {
            System.out.printf("%-38s median %9.1f ns, lowest %9.1f ns, %8.1f B/op (median)%n", names[row],
                    quantile(ns[row], 0.5), quantile(ns[row], 0), quantile(bytes[row], 0.5));
        }
    }

    /** Prints the median and quartiles of the per-round time ratio of each odd row to the row before it. */
    public void printRatiosOfPairs() {
        for (int row = 1; row < names.length; row += 2) {
            double[] ratio = new double[ns[row].length];
            for (int r = 0; r < ratio.length; r++) {
                ratio[r] = ns[row][r] / ns[row - 1][r];
            }
            System.out.printf("%s / %s: median %.3f (quartiles %.3f-%.3f)%n", names[row], names[row - 1],
                    quantile(ratio, 0.5), quantile(ratio, 0.25), quantile(ratio, 0.75));
        }
    }

    /** @return the {@code q} quantile of {@code values}, the nearest rank */
    public static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }
}
