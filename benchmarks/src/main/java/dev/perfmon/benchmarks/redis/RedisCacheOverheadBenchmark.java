package dev.perfmon.benchmarks.redis;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.redis.PerfMonCache;
import dev.perfmon.redis.RedisCircuitBreaker;
import dev.perfmon.redis.ValueCodec;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The wrapper's own cost per call, without a network: the commands are a stub whose GET returns
 * an already completed future. {@code stubGet} is what any caller of that stub pays (the
 * reflection proxy standing in for Lettuce, the completed future's {@code get}); the wrapper's
 * own cost is each {@code perfmon*} row minus {@code stubGet}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RedisCacheOverheadBenchmark {

    private static final String KEY = "post:42";

    private RedisClusterAsyncCommands<String, byte[]> stub;
    private PerfMon perfMon;
    private PerfMonCache<byte[]> bytesCache;
    private PerfMonCache<String> stringCache;
    /** Circuit breaker off and no request budget: the baseline of what the two add. */
    private PerfMonCache<byte[]> bareCache;
    /** Breaker on, budget off: a scope left open for a whole iteration would spend any budget. */
    private PerfMonCache<byte[]> unbudgetedCache;

    @Setup
    public void setUp() {
        byte[] value = "a cached post title of some length".getBytes(StandardCharsets.UTF_8);
        RedisFuture<byte[]> reply = new CompletedRedisFuture<>(value);
        stub = stub(reply);
        perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        bytesCache = PerfMonCache.builder(perfMon, stub).name("stub-bytes").codec(ValueCodec.bytes())
                .timeout(Duration.ofMillis(100)).build();
        stringCache = PerfMonCache.builder(perfMon, stub).name("stub-utf8").timeout(Duration.ofMillis(100)).build();
        bareCache = PerfMonCache.builder(perfMon, stub).name("stub-bare").codec(ValueCodec.bytes())
                .timeout(Duration.ofMillis(100)).circuitBreaker(RedisCircuitBreaker.disabled())
                .requestBudget(Duration.ZERO).build();
        unbudgetedCache = PerfMonCache.builder(perfMon, stub).name("stub-unbudgeted").codec(ValueCodec.bytes())
                .timeout(Duration.ofMillis(100)).requestBudget(Duration.ZERO).build();
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterAsyncCommands<String, byte[]> stub(RedisFuture<byte[]> reply) {
        return (RedisClusterAsyncCommands<String, byte[]>) Proxy.newProxyInstance(
                RedisCacheOverheadBenchmark.class.getClassLoader(),
                new Class<?>[] {RedisClusterAsyncCommands.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        return reply;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @TearDown
    public void tearDown() {
        perfMon.close();
    }

    @Benchmark
    public byte[] stubGet() throws Exception {
        return stub.get(KEY).get(100, TimeUnit.MILLISECONDS);
    }

    @Benchmark
    public String stubGetDecoded() throws Exception {
        return new String(stub.get(KEY).get(100, TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] perfmonGetBytes() {
        return bytesCache.get(KEY);
    }

    /** Same as {@code perfmonGetBytes} without the circuit breaker and the request budget. */
    @Benchmark
    public byte[] perfmonGetBytesNoBreaker() {
        return bareCache.get(KEY);
    }

    /** Same as {@code perfmonGetBytesInScope} without the circuit breaker and the request budget. */
    @Benchmark
    public byte[] perfmonGetBytesInScopeNoBreaker() {
        try (RequestScope ignored = perfMon.openScope("GET /posts/{id}")) {
            return bareCache.get(KEY);
        }
    }

    @Benchmark
    public String perfmonGetUtf8() {
        return stringCache.get(KEY);
    }

    @Benchmark
    public String perfmonGetOrLoadHit() {
        return stringCache.getOrLoad(KEY, () -> "never loaded");
    }

    /** The non-blocking view on a hit, waited for: the caller's future and the call's state are allocated per call. */
    @Benchmark
    public byte[] perfmonAsyncGetBytes() {
        return bytesCache.async().get(KEY).toCompletableFuture().join();
    }

    /** {@code getOrLoad} on a hit through the non-blocking view, waited for. */
    @Benchmark
    public String perfmonAsyncGetOrLoadHit() {
        return stringCache.async().getOrLoad(KEY, () -> CompletableFuture.completedFuture("never loaded"))
                .toCompletableFuture().join();
    }

    /** Scope open and close included: compare with {@code scopeOnly}. */
    @Benchmark
    public byte[] perfmonGetBytesInScope() {
        try (RequestScope ignored = perfMon.openScope("GET /posts/{id}")) {
            return bytesCache.get(KEY);
        }
    }

    /** Inside a scope that stays open for the whole iteration: the per-call cost of recording into it. */
    @Benchmark
    public byte[] perfmonGetBytesInOpenScope(OpenScope open) {
        return unbudgetedCache.get(KEY);
    }

    @Benchmark
    public Object scopeOnly() {
        try (RequestScope scope = perfMon.openScope("GET /posts/{id}")) {
            return scope;
        }
    }

    /** A request scope open on the benchmark thread for one iteration. */
    @State(Scope.Thread)
    public static class OpenScope {
        private RequestScope scope;

        @Setup(Level.Iteration)
        public void open(RedisCacheOverheadBenchmark benchmark) {
            scope = benchmark.perfMon.openScope("GET /posts/{id}");
        }

        @TearDown(Level.Iteration)
        public void close() {
            scope.close();
        }
    }

    /** A Lettuce future that is already complete, as a reply that has arrived. */
    private static final class CompletedRedisFuture<T> extends CompletableFuture<T> implements RedisFuture<T> {
        CompletedRedisFuture(T value) {
            complete(value);
        }

        @Override
        public String getError() {
            return null;
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
