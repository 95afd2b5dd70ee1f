package dev.perfmon.benchmarks.cache;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.spring.cache.PerfMonCacheManager;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * What {@link PerfMonCacheManager} adds to a Spring cache hit: the same
 * {@code ConcurrentMapCacheManager} read plain and through the decorator, for what
 * {@code @Cacheable} calls ({@code getCache(name)}, then {@code get(key)}) and what
 * {@code @Cacheable(sync = true)} calls ({@code get(key, Callable)}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SpringCacheBenchmark {

    private static final Long KEY = 42L;

    private PerfMon perfMon;
    private CacheManager plain;
    private CacheManager decorated;
    private Cache plainCache;
    private Cache decoratedCache;
    private final Callable<String> loader = () -> "loaded";

    @Setup
    public void setUp() {
        perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        plain = new ConcurrentMapCacheManager("posts");
        decorated = PerfMonCacheManager.wrap(new ConcurrentMapCacheManager("posts"), perfMon);
        plainCache = plain.getCache("posts");
        decoratedCache = decorated.getCache("posts");
        plainCache.put(KEY, "a cached post title");
        decoratedCache.put(KEY, "a cached post title");
    }

    @TearDown
    public void tearDown() {
        perfMon.close();
    }

    @Benchmark
    public Object plainGet() {
        return plain.getCache("posts").get(KEY);
    }

    @Benchmark
    public Object perfmonGet() {
        return decorated.getCache("posts").get(KEY);
    }

    @Benchmark
    public Object plainGetWithLoader() {
        return plainCache.get(KEY, loader);
    }

    @Benchmark
    public Object perfmonGetWithLoader() {
        return decoratedCache.get(KEY, loader);
    }
}
