package dev.perfmon.benchmarks.jdbc;

import dev.perfmon.benchmarks.InterleavedRows;

/**
 * {@link JdbcScopeBenchmark}'s four rows run by {@link InterleavedRows}: per row the median and
 * fastest slice time per scope and the bytes per scope, and the median per-round ratios
 * decorated / undecorated for the shared and the distinct scope.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.perfmon.benchmarks.jdbc.JdbcScopeInterleaved [rounds]</pre>
 */
public final class JdbcScopeInterleaved {

    private JdbcScopeInterleaved() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        JdbcScopeBenchmark bench = new JdbcScopeBenchmark();
        bench.setUp();
        String[] names = {"rawShared", "perfmonShared", "rawDistinct", "perfmonDistinct"};
        InterleavedRows.Row[] rows = {bench::rawShared, bench::perfmonShared, bench::rawDistinct, bench::perfmonDistinct};
        try {
            InterleavedRows result = InterleavedRows.run(names, rows, 500, 30, rounds);
            result.printRows();
            result.printRatiosOfPairs();
        } finally {
            bench.tearDown();
        }
    }
}
