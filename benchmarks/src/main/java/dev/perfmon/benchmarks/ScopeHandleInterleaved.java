package dev.perfmon.benchmarks;

/**
 * {@link ScopeBenchmark}'s scope rows with and without a per-scope handle, run by
 * {@link InterleavedRows}: per row the median and fastest slice time per scope and the bytes per
 * scope, and the median per-round ratio of each handle row to its row without a handle.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.perfmon.benchmarks.ScopeHandleInterleaved [rounds]</pre>
 */
public final class ScopeHandleInterleaved {

    private ScopeHandleInterleaved() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        ScopeBenchmark bench = new ScopeBenchmark();
        bench.setUp();
        String[] names = {"scopeWithoutSegments", "scopeWithoutSegmentsThroughHandle", "scopeWithThreeSegments",
            "scopeWithThreeSegmentsThroughHandle"};
        InterleavedRows.Row[] rows = {
            () -> bench.scopeWithoutSegments() ? 1 : 0,
            () -> bench.scopeWithoutSegmentsThroughHandle() ? 1 : 0,
            bench::scopeWithThreeSegments,
            bench::scopeWithThreeSegmentsThroughHandle,
        };
        try {
            InterleavedRows result = InterleavedRows.run(names, rows, 20_000, 30, rounds);
            result.printRows();
            result.printRatiosOfPairs();
        } finally {
            bench.tearDown();
        }
    }
}
