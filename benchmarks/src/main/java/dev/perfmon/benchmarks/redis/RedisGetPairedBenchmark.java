package dev.perfmon.benchmarks.redis;

import dev.perfmon.redis.PerfMonCache;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Raw Lettuce and the wrapper measured <em>at the same time</em> on the same connection: each
 * group runs one thread of each side concurrently, so both see the same machine noise, the same
 * event loop and the same Redis, and the ratio of the two rows is meaningful even on a busy,
 * shared machine where back-to-back runs swing by a factor of several. (Each side's absolute
 * throughput is lower than alone: they share the connection.)
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
@State(Scope.Group)
public class RedisGetPairedBenchmark {

    private static final String KEY = "perfmon-bench:redis-get-paired";

    private LocalRedisCaches redis;
    private RedisCommands<String, byte[]> sync;
    private RedisAsyncCommands<String, byte[]> async;
    private PerfMonCache<byte[]> bytesCache;
    private PerfMonCache<String> stringCache;

    @Setup
    public void setUp() {
        redis = new LocalRedisCaches(KEY, "paired");
        // Copied into fields of this state so the measured methods read them directly.
        sync = redis.connection.sync();
        async = redis.connection.async();
        bytesCache = redis.bytesCache;
        stringCache = redis.stringCache;
    }

    @TearDown
    public void tearDown() {
        redis.close();
    }

    // ---- wrapper vs Lettuce's async API awaited (what the wrapper does underneath) ----------

    @Benchmark
    @Group("vsAsyncAwait")
    @GroupThreads(1)
    public byte[] rawAsyncAwait() throws Exception {
        return async.get(KEY).get(1, TimeUnit.SECONDS);
    }

    @Benchmark
    @Group("vsAsyncAwait")
    @GroupThreads(1)
    public byte[] perfmonGet() {
        return bytesCache.get(KEY);
    }

    // ---- wrapper vs Lettuce's sync API --------------------------------------------------------

    @Benchmark
    @Group("vsSync")
    @GroupThreads(1)
    public byte[] rawSync() {
        return sync.get(KEY);
    }

    @Benchmark
    @Group("vsSync")
    @GroupThreads(1)
    public byte[] perfmonGetVsSync() {
        return bytesCache.get(KEY);
    }

    // ---- decoded String values: Lettuce sync + UTF-8 vs the wrapper's default codec ----------

    @Benchmark
    @Group("vsSyncString")
    @GroupThreads(1)
    public String rawSyncString() {
        return new String(sync.get(KEY), StandardCharsets.UTF_8);
    }

    @Benchmark
    @Group("vsSyncString")
    @GroupThreads(1)
    public String perfmonGetOrLoadHit() {
        return stringCache.getOrLoad(KEY, () -> "never loaded");
    }
}
