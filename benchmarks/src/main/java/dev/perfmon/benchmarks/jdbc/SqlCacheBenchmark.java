package dev.perfmon.benchmarks.jdbc;

import dev.perfmon.jdbc.internal.SqlInfoCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The SQL cache per statement: {@code previous*} is the cache keyed by whole text, {@code shape*}
 * the current one. {@code *Literals} cycles through 10,000 texts of one shape with inlined
 * literals (a different id and name each time, more than the cache holds); {@code *Prepared}
 * repeats one text with placeholders (a hit in both); {@code *ManyShapes} cycles 10,000 literal
 * texts over 1,000 shapes; {@code *Constant} repeats one text with constant literals.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SqlCacheBenchmark {

    private static final int TEXTS = 10_000;
    private static final String CONSTANT = "select p.id, p.title from posts p where p.deleted = 0 and p.status = 'A'";
    private static final String PREPARED = "select p.id, p.title from posts p where p.id = ? and p.status = ?";

    final String[] literals = new String[TEXTS];
    final String[] manyShapes = new String[TEXTS];
    PreviousSqlInfoCache previous;
    SqlInfoCache shape;
    int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < TEXTS; i++) {
            literals[i] = "select p.id, p.title from posts p where p.id = " + (100_000 + i * 7) + " and p.status = 'S" + i + "'";
            manyShapes[i] = "select p.id, p.c" + (i % 1000) + " from posts p where p.id = " + (100_000 + i * 7)
                    + " and p.status = 'S" + i + "'";
        }
        previous = new PreviousSqlInfoCache(2048);
        shape = new SqlInfoCache(2048);
    }

    private int index() {
        int i = next + 1;
        next = i == TEXTS ? 0 : i;
        return next;
    }

    @Benchmark
    public Object previousLiterals() {
        return previous.get(literals[index()]);
    }

    @Benchmark
    public Object shapeLiterals() {
        return shape.get(literals[index()]);
    }

    @Benchmark
    public Object previousManyShapes() {
        return previous.get(manyShapes[index()]);
    }

    @Benchmark
    public Object shapeManyShapes() {
        return shape.get(manyShapes[index()]);
    }

    @Benchmark
    public Object previousPrepared() {
        return previous.get(PREPARED);
    }

    @Benchmark
    public Object shapePrepared() {
        return shape.get(PREPARED);
    }

    @Benchmark
    public Object previousConstant() {
        return previous.get(CONSTANT);
    }

    @Benchmark
    public Object shapeConstant() {
        return shape.get(CONSTANT);
    }
}
