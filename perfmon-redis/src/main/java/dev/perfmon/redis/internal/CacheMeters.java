package dev.perfmon.redis.internal;

import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Every meter of one named cache, registered when the cache is built so the hot path only
 * records (Micrometer cache convention: {@code cache.gets}, {@code cache.puts},
 * {@code cache.loads}; perfmon's own under {@code perfmon.cache.*}). No method throws: a meter
 * or request scope that fails to record is reported to the {@link Guard} and the cache
 * operation goes on, so a broken registry never reaches the application or leaves a load
 * unfinished. A meter the registry refuses is a stand-in counting each of its records as a lost
 * measurement of the cache component, so building a cache never throws either.
 */
public final class CacheMeters {

    private final Counter hits;
    private final Counter misses;
    private final Counter puts;
    private final Timer loadSuccess;
    private final Timer loadFailure;
    private final Counter coalesced;
    private final Counter stampede;
    private final Counter invalidations;
    private final Counter earlyRecomputes;
    private final Counter lockAcquired;
    private final Counter lockWaited;
    private final Counter lockTimeout;
    private final Counter[][] errors;
    private final Guard guard;

    public CacheMeters(ContainedMeters registry, String cache, Guard guard) {
        this.guard = guard;
        Tags tags = Tags.of("cache", cache);
        hits = registry.counter(Counter.builder("cache.gets").tags(tags).tag("result", "hit")
                .description("Cache lookups that Redis answered with a cached value"));
        misses = registry.counter(Counter.builder("cache.gets").tags(tags).tag("result", "miss")
                .description("Cache lookups that Redis answered with nothing (the caller loaded, or joined a load in flight)"));
        puts = registry.counter(Counter.builder("cache.puts").tags(tags)
                .description("Values written to the cache"));
        loadSuccess = registry.timer(Timer.builder("cache.loads").tags(tags).tag("result", "success")
                .description("Loader calls after a miss, timed"));
        loadFailure = registry.timer(Timer.builder("cache.loads").tags(tags).tag("result", "failure")
                .description("Loader calls after a miss, timed"));
        coalesced = registry.counter(Counter.builder("perfmon.cache.coalesced").tags(tags)
                .description("Callers that joined a load already in flight for the same key instead of loading again")
                );
        stampede = registry.counter(Counter.builder("perfmon.cache.stampede").tags(tags)
                .description("Loads that started while another load of the same key was in flight in this JVM")
                );
        invalidations = registry.counter(Counter.builder("perfmon.cache.invalidations").tags(tags)
                .description("Invalidations (deletes) requested"));
        earlyRecomputes = registry.counter(Counter.builder("perfmon.cache.early.recomputes").tags(tags)
                .description("Hits that recomputed the value before expiry (probabilistic early recomputation)")
                );
        lockAcquired = lockCounter(registry, tags, "acquired");
        lockWaited = lockCounter(registry, tags, "waited");
        lockTimeout = lockCounter(registry, tags, "timeout");
        CacheOperation[] operations = CacheOperation.values();
        ErrorCause[] causes = ErrorCause.values();
        errors = new Counter[operations.length][causes.length];
        for (CacheOperation operation : operations) {
            for (ErrorCause cause : causes) {
                errors[operation.ordinal()][cause.ordinal()] = registry.counter(Counter.builder("perfmon.cache.errors").tags(tags)
                        .tag("operation", operation.tag()).tag("cause", cause.tag())
                        .description("Redis or codec failures of cache operations (never counted as misses)")
                        );
            }
        }
    }

    private static Counter lockCounter(ContainedMeters registry, Tags tags, String result) {
        return registry.counter(Counter.builder("perfmon.cache.lock").tags(tags).tag("result", result)
                .description("Cross-instance load lock outcomes"));
    }

    /** Counts a hit, in the meters and in the scope. */
    public void hit(RequestScope scope) {
        count(hits);
        count(scope, ScopeCounter.CACHE_HITS);
    }

    /** Counts a miss, in the meters and in the scope. */
    public void miss(RequestScope scope) {
        count(misses);
        count(scope, ScopeCounter.CACHE_MISSES);
    }

    public void put() {
        count(puts);
    }

    public void loaded(boolean success, long nanos) {
        try {
            (success ? loadSuccess : loadFailure).record(nanos, TimeUnit.NANOSECONDS);
        } catch (Throwable failure) {
            guard.failed(failure);
        }
    }

    public void coalesced() {
        count(coalesced);
    }

    public void stampede() {
        count(stampede);
    }

    public void invalidation() {
        count(invalidations);
    }

    public void earlyRecompute() {
        count(earlyRecomputes);
    }

    public void lockAcquired() {
        count(lockAcquired);
    }

    public void lockWaited() {
        count(lockWaited);
    }

    public void lockTimedOut() {
        count(lockTimeout);
    }

    /** Counts a failure and returns it for the flows to carry. */
    public RedisFailure error(CacheOperation operation, ErrorCause cause, Throwable failure) {
        count(errors[operation.ordinal()][cause.ordinal()]);
        return new RedisFailure(operation, cause, failure);
    }

    /** Counts a codec failure (no failure object: the flows treat it as a miss). */
    public void codecError(CacheOperation operation) {
        count(errors[operation.ordinal()][ErrorCause.CODEC.ordinal()]);
    }

    private void count(Counter counter) {
        try {
            counter.increment();
        } catch (Throwable failure) {
            guard.failed(failure);
        }
    }

    private void count(RequestScope scope, ScopeCounter counter) {
        if (scope == null) {
            return;
        }
        try {
            scope.increment(counter);
        } catch (Throwable failure) {
            guard.failed(failure);
        }
    }
}
