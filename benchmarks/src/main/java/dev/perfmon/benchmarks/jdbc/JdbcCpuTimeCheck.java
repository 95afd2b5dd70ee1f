package dev.perfmon.benchmarks.jdbc;

import dev.perfmon.core.RequestScope;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cross-check of {@link JdbcStatementBenchmark} for overloaded machines: the same operations,
 * measured in the benchmark thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()})
 * instead of wall time, so time the thread spends preempted by other processes does not count.
 * Prints the median and minimum of the measured rounds per row. Not a JMH benchmark: no
 * blackholes beyond summing results, no forks; use it next to JMH, not instead of it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.perfmon.benchmarks.jdbc.JdbcCpuTimeCheck [operations per round]
 * </pre>
 */
public final class JdbcCpuTimeCheck {

    private JdbcCpuTimeCheck() {
    }

    /** One benchmarked operation. */
    @FunctionalInterface
    interface Op {
        long run() throws SQLException;
    }

    public static void main(String[] args) throws SQLException {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        JdbcStatementBenchmark b = new JdbcStatementBenchmark();
        b.setUp();
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("raw", b::raw);
        ops.put("rawTimedFloor", b::rawTimedFloor);
        ops.put("perfmon", b::perfmon);
        ops.put("datasourceProxy", b::datasourceProxy);
        ops.put("p6spy", b::p6spy);
        ops.put("rawInRequestScope", b::rawInRequestScope);
        ops.put("rawTimedInRequestScope", b::rawTimedInRequestScope);
        ops.put("perfmonInRequestScope", b::perfmonInRequestScope);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> results = new LinkedHashMap<>();
        long sink = 0;
        for (int round = 0; round < 8; round++) {
            for (Map.Entry<String, Op> op : ops.entrySet()) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < operations; i++) {
                    sink += op.getValue().run();
                }
                double nanos = (threads.getCurrentThreadCpuTime() - start) / (double) operations;
                if (round >= 3) {
                    results.computeIfAbsent(op.getKey(), k -> new ArrayList<>()).add(nanos);
                }
            }
        }
        try (RequestScope ignored = b.perfMon.openScope("long")) {
            List<Double> longScope = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < operations; i++) {
                    sink += b.perfmon();
                }
                longScope.add((threads.getCurrentThreadCpuTime() - start) / (double) operations);
            }
            results.put("perfmonInLongScope", longScope);
        }
        b.tearDown();
        for (Map.Entry<String, List<Double>> row : results.entrySet()) {
            List<Double> values = row.getValue();
            Collections.sort(values);
            System.out.printf("%-24s median %8.1f  min %8.1f  ns/op (thread CPU time)%n",
                    row.getKey(), values.get(values.size() / 2), values.get(0));
        }
        System.out.println("(checksum " + sink + ")");
    }
}
