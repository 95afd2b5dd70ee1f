package dev.perfmon.cache;

import dev.perfmon.cache.internal.CacheMissRanking;
import dev.perfmon.cache.internal.StampedeMonitor;
import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.internal.Require;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Every meter of one named cache, for any cache client (Redis, Spring's {@code CacheManager},
 * Caffeine, ...): registered when the recorder is built, so the hot path only records and
 * allocates nothing. Micrometer's cache convention ({@code cache.gets{result=hit|miss}},
 * {@code cache.puts}, {@code cache.loads{result=success|failure}}) plus perfmon's own under
 * {@code perfmon.cache.*} (errors by operation and cause, coalesced callers, stampedes,
 * invalidations, early recomputations, cross-instance lock outcomes), all tagged
 * {@code cache=<name>}. Hits and misses also go into the request scope's {@code cache.hits} /
 * {@code cache.misses} counters, so the request breakdown sees the cache work.
 *
 * <p>No method throws: a meter, clock or request scope that fails is recorded as
 * {@code perfmon.internal.errors{component=<component>}} and the cache operation goes on. A meter
 * the registry refuses is a stand-in counting each record as a lost measurement of the component,
 * so building a recorder never throws either. Two recorders of one name share their meters.
 *
 * <p>Counting rules a client should follow (they keep the hit ratio honest): a lookup the cache
 * answered with a value is a hit, one it answered with nothing is a miss; a failed lookup is an
 * {@link #error error}, never a miss; a caller that joined another caller's load is
 * {@link #coalesced() coalesced} (and a miss when the key was absent), never a hit.
 */
public final class CacheRecorder {

    /** The default {@code component} of {@code perfmon.internal.errors} for recorder failures. */
    public static final String DEFAULT_COMPONENT = "cache";

    private final PerfMon perfMon;
    private final String cache;
    private final String component;
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
    private final StampedeMonitor stampedes;

    private CacheRecorder(Builder builder) {
        this.perfMon = builder.perfMon;
        this.cache = builder.cache;
        this.component = builder.component;
        ContainedMeters registry = perfMon.meters(component);
        Tags tags = Tags.of("cache", cache);
        hits = registry.counter(Counter.builder(CacheMissRanking.GETS).tags(tags).tag("result", "hit")
                .description("Cache lookups answered with a cached value"));
        misses = registry.counter(Counter.builder(CacheMissRanking.GETS).tags(tags).tag("result", "miss")
                .description("Cache lookups answered with nothing (the caller loaded, or joined a load in flight)"));
        puts = registry.counter(Counter.builder("cache.puts").tags(tags)
                .description("Values written to the cache"));
        loadSuccess = registry.timer(Timer.builder(CacheMissRanking.LOADS).tags(tags).tag("result", "success")
                .description("Loader calls after a miss, timed"));
        loadFailure = registry.timer(Timer.builder(CacheMissRanking.LOADS).tags(tags).tag("result", "failure")
                .description("Loader calls after a miss, timed"));
        coalesced = registry.counter(Counter.builder("perfmon.cache.coalesced").tags(tags)
                .description("Callers that joined a load already in flight for the same key instead of loading again"));
        stampede = registry.counter(Counter.builder("perfmon.cache.stampede").tags(tags)
                .description("Loads that started while another load of the same key was in flight in this JVM"));
        invalidations = registry.counter(Counter.builder("perfmon.cache.invalidations").tags(tags)
                .description("Invalidations (deletes, evictions, clears) requested"));
        earlyRecomputes = registry.counter(Counter.builder("perfmon.cache.early.recomputes").tags(tags)
                .description("Hits that recomputed the value before expiry (probabilistic early recomputation)"));
        lockAcquired = lockCounter(registry, tags, "acquired");
        lockWaited = lockCounter(registry, tags, "waited");
        lockTimeout = lockCounter(registry, tags, "timeout");
        CacheOperation[] operations = CacheOperation.values();
        CacheErrorCause[] causes = CacheErrorCause.values();
        errors = new Counter[operations.length][causes.length];
        for (CacheOperation operation : operations) {
            for (CacheErrorCause cause : causes) {
                errors[operation.ordinal()][cause.ordinal()] = registry.counter(Counter.builder("perfmon.cache.errors")
                        .tags(tags).tag("operation", operation.tag()).tag("cause", cause.tag())
                        .description("Failures of cache operations (never counted as misses)"));
            }
        }
        stampedes = new StampedeMonitor(perfMon, cache, builder.stampedeEventInterval);
        perfMon.diagnoses().register(CacheDiagnosis.INSTANCE);
    }

    private static Counter lockCounter(ContainedMeters registry, Tags tags, String result) {
        return registry.counter(Counter.builder("perfmon.cache.lock").tags(tags).tag("result", result)
                .description("Cross-instance load lock outcomes"));
    }

    /**
     * A recorder with the defaults: component {@value #DEFAULT_COMPONENT}, at most one
     * {@link CacheStampede} per 10 s.
     *
     * @param perfMon where the meters are registered and events published
     * @param cache the {@code cache} tag value (a cache name, never a key)
     */
    public static CacheRecorder of(PerfMon perfMon, String cache) {
        return builder(perfMon, cache).build();
    }

    /** @return a builder of a recorder of the named cache */
    public static Builder builder(PerfMon perfMon, String cache) {
        return new Builder(perfMon, cache);
    }

    /** @return the cache's name (the {@code cache} tag) */
    public String cache() {
        return cache;
    }

    /** @return the {@code component} under which this recorder's own failures are counted */
    public String component() {
        return component;
    }

    /** @return the PerfMon the meters belong to */
    public PerfMon perfMon() {
        return perfMon;
    }

    /**
     * @return the request scope bound to the calling thread, or {@code null} (also when reading
     *     it failed, recorded)
     */
    public @Nullable RequestScope currentScope() {
        try {
            return perfMon.currentScope();
        } catch (Throwable failure) {
            failed(failure);
            return null;
        }
    }

    /**
     * A lookup the cache answered with a value (a cached {@code null} too): meter and scope.
     *
     * @param scope the current request scope, or {@code null}
     */
    public void hit(@Nullable RequestScope scope) {
        count(hits);
        count(scope, ScopeCounter.CACHE_HITS);
    }

    /**
     * A lookup the cache answered with nothing: meter and scope.
     *
     * @param scope the current request scope, or {@code null}
     */
    public void miss(@Nullable RequestScope scope) {
        count(misses);
        count(scope, ScopeCounter.CACHE_MISSES);
    }

    /** A value the cache accepted. */
    public void put() {
        count(puts);
    }

    /** An invalidation requested (a delete, an evict, a clear). */
    public void invalidation() {
        count(invalidations);
    }

    /**
     * A loader call ended.
     *
     * @param success whether it returned a value (a {@code null} too) rather than failed
     * @param nanos how long it took
     */
    public void loaded(boolean success, long nanos) {
        try {
            (success ? loadSuccess : loadFailure).record(nanos, TimeUnit.NANOSECONDS);
        } catch (Throwable failure) {
            failed(failure);
        }
    }

    /** A caller joined a load of the same key already in flight instead of loading. */
    public void coalesced() {
        count(coalesced);
    }

    /**
     * A load started while other loads of the same key were in flight in this JVM: counts
     * {@code perfmon.cache.stampede} and feeds the rate-limited {@link CacheStampede} event.
     *
     * @param concurrent loads of the key in flight, this one included
     * @param scope the current request scope, or {@code null}
     */
    public void duplicateLoad(int concurrent, @Nullable RequestScope scope) {
        count(stampede);
        try {
            stampedes.duplicate(concurrent, scope);
        } catch (Throwable failure) {
            failed(failure);
        }
    }

    /** A reader refreshed a value still cached (probabilistic early recomputation). */
    public void earlyRecompute() {
        count(earlyRecomputes);
    }

    /** The cross-instance load lock was taken. */
    public void lockAcquired() {
        count(lockAcquired);
    }

    /** Another instance's value appeared while waiting for its lock. */
    public void lockWaited() {
        count(lockWaited);
    }

    /** Waiting for another instance's lock timed out; the caller loads anyway. */
    public void lockTimedOut() {
        count(lockTimeout);
    }

    /** A cache operation failed: neither a hit nor a miss. */
    public void error(CacheOperation operation, CacheErrorCause cause) {
        count(errors[operation.ordinal()][cause.ordinal()]);
    }

    /** @return the monotonic time in nanoseconds, or {@link Long#MIN_VALUE} if the clock failed (recorded) */
    public long monotonicTime() {
        try {
            return perfMon.clock().monotonicTime();
        } catch (Throwable failure) {
            failed(failure);
            return Long.MIN_VALUE;
        }
    }

    /** Records a failure of the client's own instrumentation under this recorder's component; never throws. */
    public void failed(Throwable failure) {
        try {
            perfMon.recordFailure(component, failure);
        } catch (Throwable ignored) {
            // Recording must not turn into a failure of its own.
        }
    }

    private void count(Counter counter) {
        try {
            counter.increment();
        } catch (Throwable failure) {
            failed(failure);
        }
    }

    private void count(@Nullable RequestScope scope, ScopeCounter counter) {
        if (scope == null) {
            return;
        }
        try {
            scope.increment(counter);
        } catch (Throwable failure) {
            failed(failure);
        }
    }

    @Override
    public String toString() {
        return "CacheRecorder[" + cache + "]";
    }

    /** Settings of a {@link CacheRecorder}; {@link #build()} registers the meters. */
    public static final class Builder {
        private final PerfMon perfMon;
        private final String cache;
        private String component = DEFAULT_COMPONENT;
        private Duration stampedeEventInterval = Duration.ofSeconds(10);

        private Builder(PerfMon perfMon, String cache) {
            this.perfMon = Objects.requireNonNull(perfMon, "perfMon");
            this.cache = Objects.requireNonNull(cache, "cache");
            if (cache.isBlank()) {
                throw new IllegalArgumentException("cache name must not be blank");
            }
        }

        /**
         * The {@code component} of {@code perfmon.internal.errors} (and of lost measurements) the
         * recorder's own failures are counted under, e.g. {@code redis-cache}; default
         * {@value CacheRecorder#DEFAULT_COMPONENT}.
         */
        public Builder component(String component) {
            this.component = Require.notBlank("component", component);
            return this;
        }

        /** At most one {@link CacheStampede} per interval (the first at once); default 10 s. */
        public Builder stampedeEventInterval(Duration interval) {
            this.stampedeEventInterval = Require.notNegative("stampedeEventInterval", interval);
            return this;
        }

        /** @return the recorder, its meters registered */
        public CacheRecorder build() {
            return new CacheRecorder(this);
        }
    }
}
