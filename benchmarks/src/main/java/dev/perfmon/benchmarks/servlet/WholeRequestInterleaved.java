package dev.perfmon.benchmarks.servlet;

import dev.perfmon.benchmarks.InterleavedRows;

import java.util.ArrayList;
import java.util.List;

/**
 * Interleaved companion to {@link WholeRequestBenchmark} for a shared, loaded machine: the same four
 * stacks serve the same request, taking turns in short slices round after round (the order rotated
 * each round), so a load spike from other processes hits every stack alike. Prints, per stack, the
 * median slice time per request, and the medians of the per-round overheads over {@code none} and
 * of the ratio of perfmon's overhead to the Boot stack's and to the contract's floor, and the medians of the per-round
 * overheads in the serving thread's CPU time (what other processes' load disturbs least). On
 * platform threads it also prints the
 * bytes each request allocated on the serving thread (the JVM's per-thread counter, exact whatever
 * the machine's load; the pool's housekeeping threads are not counted), lowest and median slice.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.perfmon.benchmarks.servlet.WholeRequestInterleaved [platform|virtual] [rounds]</pre>
 */
public final class WholeRequestInterleaved {

    private static final int REQUESTS_PER_SLICE = 2_000;
    private static final int WARMUP_ROUNDS = 40;
    private static final String[] NAMES = {"none", "perfmon", "boot", "contract"};

    private WholeRequestInterleaved() {
    }

    public static void main(String[] args) throws Exception {
        WholeRequestBenchmark bench = new WholeRequestBenchmark();
        bench.threads = args.length > 0 ? args[0] : "platform";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        bench.setUp();
        List<double[]> samples = new ArrayList<>();
        List<double[]> bytes = new ArrayList<>();
        List<double[]> cpu = new ArrayList<>();
        com.sun.management.ThreadMXBean allocation =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try {
            for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
                double[] nsPerRequest = new double[NAMES.length];
                double[] bytesPerRequest = new double[NAMES.length];
                double[] cpuPerRequest = new double[NAMES.length];
                for (int s = 0; s < NAMES.length; s++) {
                    int stack = (s + round) % NAMES.length;
                    long allocatedBefore = allocation.getCurrentThreadAllocatedBytes();
                    long cpuBefore = allocation.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    for (int r = 0; r < REQUESTS_PER_SLICE; r++) {
                        serve(bench, stack);
                    }
                    nsPerRequest[stack] = (System.nanoTime() - start) / (double) REQUESTS_PER_SLICE;
                    cpuPerRequest[stack] = (allocation.getCurrentThreadCpuTime() - cpuBefore) / (double) REQUESTS_PER_SLICE;
                    bytesPerRequest[stack] = (allocation.getCurrentThreadAllocatedBytes() - allocatedBefore)
                            / (double) REQUESTS_PER_SLICE;
                }
                if (round >= WARMUP_ROUNDS) {
                    samples.add(nsPerRequest);
                    bytes.add(bytesPerRequest);
                    cpu.add(cpuPerRequest);
                }
            }
        } finally {
            bench.tearDown();
        }
        System.out.printf("threads=%s, %d rounds of %d requests per stack (after %d warm-up rounds)%n",
                bench.threads, rounds, REQUESTS_PER_SLICE, WARMUP_ROUNDS);
        for (int s = 0; s < NAMES.length; s++) {
            int stack = s;
            System.out.printf("%-8s median %9.0f ns/request%n", NAMES[s],
                    median(samples.stream().mapToDouble(x -> x[stack]).toArray()));
        }
        double[] perfmon = samples.stream().mapToDouble(x -> x[1] - x[0]).toArray();
        double[] boot = samples.stream().mapToDouble(x -> x[2] - x[0]).toArray();
        double[] ratio = samples.stream().mapToDouble(x -> (x[1] - x[0]) / (x[2] - x[0])).toArray();
        double[] floor = samples.stream().mapToDouble(x -> x[3] - x[0]).toArray();
        System.out.printf("overhead over none, median of rounds: perfmon %.0f ns, boot %.0f ns; "
                + "perfmon/boot overhead ratio median %.3f (quartiles %.3f-%.3f)%n",
                median(perfmon), median(boot), median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75));
        System.out.printf("perfmon overhead quartiles %.0f-%.0f ns%n", quantile(perfmon, 0.25), quantile(perfmon, 0.75));
        System.out.printf("contract floor over none, median of rounds: %.0f ns (quartiles %.0f-%.0f)%n",
                median(floor), quantile(floor, 0.25), quantile(floor, 0.75));
        // The serving thread's own CPU time: what load from other processes disturbs least.
        double[] perfmonCpu = cpu.stream().mapToDouble(x -> x[1] - x[0]).toArray();
        double[] bootCpu = cpu.stream().mapToDouble(x -> x[2] - x[0]).toArray();
        double[] floorCpu = cpu.stream().mapToDouble(x -> x[3] - x[0]).toArray();
        System.out.printf("thread CPU time over none, median of rounds: perfmon %.0f ns (quartiles %.0f-%.0f), boot %.0f ns,"
                + " contract floor %.0f ns (quartiles %.0f-%.0f); none %.0f ns/request%n", median(perfmonCpu),
                quantile(perfmonCpu, 0.25), quantile(perfmonCpu, 0.75), median(bootCpu), median(floorCpu),
                quantile(floorCpu, 0.25), quantile(floorCpu, 0.75), median(cpu.stream().mapToDouble(x -> x[0]).toArray()));
        if ("platform".equals(bench.threads)) {
            for (int s = 0; s < NAMES.length; s++) {
                int stack = s;
                double[] perRequest = bytes.stream().mapToDouble(x -> x[stack]).toArray();
                System.out.printf("%-8s allocated on the serving thread: lowest %.1f, median %.1f B/request%n",
                        NAMES[s], quantile(perRequest, 0), median(perRequest));
            }
        }
    }

    private static Object serve(WholeRequestBenchmark bench, int stack) throws Exception {
        switch (stack) {
            case 0:
                return bench.none();
            case 1:
                return bench.perfmon();
            case 2:
                return bench.boot();
            default:
                return bench.contract();
        }
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        return InterleavedRows.quantile(values, q);
    }
}
