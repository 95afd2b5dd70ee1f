package dev.perfmon.benchmarks.servlet;

import java.util.Arrays;

/**
 * The rows of {@link RequestSamplingBenchmark} measured interleaved in one JVM: rounds of
 * 100,000 requests of each variant in turn, so that a machine shared with other work slows
 * every variant alike; reports the lowest and the median ns per request of each variant.
 * {@code java -cp benchmarks/target/benchmarks.jar dev.perfmon.benchmarks.servlet.RequestSamplingInterleaved [rounds]}
 */
public final class RequestSamplingInterleaved {

    private static final int PER_ROUND = 100_000;

    private RequestSamplingInterleaved() {
    }

    /** A variant under measurement. */
    private interface Variant {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        RequestSamplingBenchmark b = new RequestSamplingBenchmark();
        b.setUp();
        String[] names = {"filterSamplingOff", "filterSamplingOnNotSampled", "filterEveryRequestSampled",
                "scopeSamplingOff", "scopeSamplingOnNotSampled", "scopeEveryRequestSampled"};
        Variant[] variants = {b::filterSamplingOff, b::filterSamplingOnNotSampled, b::filterEveryRequestSampled,
                b::scopeSamplingOff, b::scopeSamplingOnNotSampled, b::scopeEveryRequestSampled};
        double[][] results = new double[variants.length][rounds];
        for (int warm = 0; warm < 5; warm++) {
            for (Variant v : variants) {
                time(v);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < variants.length; v++) {
                results[v][r] = time(variants[v]);
            }
        }
        b.tearDown();
        for (int v = 0; v < variants.length; v++) {
            double[] sorted = results[v].clone();
            Arrays.sort(sorted);
            System.out.printf("%-28s min %8.1f ns  median %8.1f ns%n", names[v], sorted[0], sorted[rounds / 2]);
        }
    }

    private static double time(Variant variant) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < PER_ROUND; i++) {
            variant.run();
        }
        return (System.nanoTime() - start) / (double) PER_ROUND;
    }
}
