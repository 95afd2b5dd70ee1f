package dev.perfmon.spring.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Reads one cache's meters the way a dashboard would: by name and tags. */
final class CacheMeters {

    private final MeterRegistry registry;
    private final String cache;

    CacheMeters(MeterRegistry registry, String cache) {
        this.registry = registry;
        this.cache = cache;
    }

    double hits() {
        return counter("cache.gets", "result", "hit");
    }

    double misses() {
        return counter("cache.gets", "result", "miss");
    }

    double puts() {
        return counter("cache.puts");
    }

    double invalidations() {
        return counter("perfmon.cache.invalidations");
    }

    double coalesced() {
        return counter("perfmon.cache.coalesced");
    }

    double stampedes() {
        return counter("perfmon.cache.stampede");
    }

    long loads(String result) {
        Timer timer = registry.find("cache.loads").tags("cache", cache, "result", result).timer();
        return timer == null ? -1 : timer.count();
    }

    double errors(String operation, String cause) {
        return counter("perfmon.cache.errors", "operation", operation, "cause", cause);
    }

    double allErrors() {
        return registry.find("perfmon.cache.errors").tag("cache", cache).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double counter(String name, String... tags) {
        Counter counter = registry.find(name).tag("cache", cache).tags(tags).counter();
        return counter == null ? Double.NaN : counter.count();
    }

    /** Waits until the condition holds or the timeout passes; returns whether it held. */
    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
