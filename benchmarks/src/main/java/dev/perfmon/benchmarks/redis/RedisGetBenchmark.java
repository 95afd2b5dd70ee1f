package dev.perfmon.benchmarks.redis;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.redis.PerfMonCache;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * A cached GET through perfmon's wrapper against raw Lettuce on the same connection to the local
 * Redis (127.0.0.1:6379, or {@code -Dredis.uri=...}): Lettuce's sync API (a reflection proxy over
 * its async API), Lettuce's async API awaited (what the wrapper does), and the wrapper with the
 * identity and the UTF-8 codecs, outside and inside a request scope, plus {@code getOrLoad} on a
 * hit. One thread, one connection: the round trip dominates, so the ratios say whether the
 * wrapper adds anything a network call would notice.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RedisGetBenchmark {

    private static final String KEY = "perfmon-bench:redis-get";

    private LocalRedisCaches redis;
    private RedisCommands<String, byte[]> sync;
    private RedisAsyncCommands<String, byte[]> async;
    private PerfMon perfMon;
    private PerfMonCache<byte[]> bytesCache;
    private PerfMonCache<String> stringCache;

    @Setup
    public void setUp() {
        redis = new LocalRedisCaches(KEY, "bench");
        // Copied into fields of this state so the measured methods read them directly.
        sync = redis.connection.sync();
        async = redis.connection.async();
        perfMon = redis.perfMon;
        bytesCache = redis.bytesCache;
        stringCache = redis.stringCache;
    }

    @TearDown
    public void tearDown() {
        redis.close();
    }

    @Benchmark
    public byte[] rawLettuceSync() {
        return sync.get(KEY);
    }

    @Benchmark
    public byte[] rawLettuceAsyncAwait() throws Exception {
        return async.get(KEY).get(1, TimeUnit.SECONDS);
    }

    @Benchmark
    public String rawLettuceSyncDecoded() {
        return new String(sync.get(KEY), StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] perfmonGetBytes() {
        return bytesCache.get(KEY);
    }

    @Benchmark
    public String perfmonGetUtf8() {
        return stringCache.get(KEY);
    }

    @Benchmark
    public byte[] perfmonGetBytesInScope() {
        try (RequestScope ignored = perfMon.openScope("GET /posts/{id}")) {
            return bytesCache.get(KEY);
        }
    }

    @Benchmark
    public String perfmonGetOrLoadHit() {
        return stringCache.getOrLoad(KEY, () -> "never loaded");
    }
}
