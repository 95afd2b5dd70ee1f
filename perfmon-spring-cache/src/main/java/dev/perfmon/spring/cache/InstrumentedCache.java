package dev.perfmon.spring.cache;

import dev.perfmon.cache.CacheOperation;
import dev.perfmon.cache.CacheRecorder;
import dev.perfmon.cache.Flight;
import dev.perfmon.cache.Flights;
import dev.perfmon.core.RequestScope;
import dev.perfmon.spring.cache.internal.AsyncTimedLoader;
import dev.perfmon.spring.cache.internal.CacheErrors;
import dev.perfmon.spring.cache.internal.TimedLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A Spring {@link Cache} that records every operation of the cache it decorates through a
 * {@link CacheRecorder} (handed out by {@link PerfMonCacheManager}), counted once per call:
 *
 * <ul>
 *   <li>{@code get(key)} / {@code get(key, type)}: {@code cache.gets{result=hit|miss}}.</li>
 *   <li>{@code get(key, Callable)} (what {@code @Cacheable(sync = true)} calls): a hit, or a miss
 *       plus a timed {@code cache.loads} and a {@code cache.puts} for the value the cache stored.
 *       Concurrent misses of one key in this JVM share one loader call (single-flight): the
 *       callers that joined are {@code perfmon.cache.coalesced} and misses, never hits. Without
 *       single-flight, overlapping loads of one key are counted as {@code perfmon.cache.stampede}
 *       and reported as a {@code CacheStampede}.</li>
 *   <li>{@code put}, {@code putIfAbsent} (when it stored): {@code cache.puts}.</li>
 *   <li>{@code evict}, {@code evictIfPresent}, {@code clear}, {@code invalidate}:
 *       {@code perfmon.cache.invalidations}.</li>
 *   <li>{@code retrieve(...)} (asynchronous caching): hits, misses and loads, recorded when the
 *       future completes.</li>
 * </ul>
 *
 * <p>A failure of the decorated cache is counted as {@code perfmon.cache.errors{operation,cause}}
 * (never as a miss) and rethrown unchanged, so Spring's {@code CacheErrorHandler} sees exactly
 * what it would see without the decorator. A loader's exception is the loader's: counted as
 * {@code cache.loads{result=failure}}, passed on as the decorated cache reports it (Spring wraps
 * it in {@link Cache.ValueRetrievalException}), to every caller that shared the load. Keys never
 * reach a meter.
 */
public final class InstrumentedCache implements Cache {

    private final Cache delegate;
    private final CacheRecorder recorder;
    private final Flights<Object> flights;
    private final boolean singleFlight;
    /** One instance for stampede reports; nothing is allocated per load. */
    private final Flights.DuplicateLoads duplicates;

    InstrumentedCache(Cache delegate, CacheRecorder recorder, Flights<Object> flights, boolean singleFlight) {
        this.delegate = delegate;
        this.recorder = recorder;
        this.flights = flights;
        this.singleFlight = singleFlight;
        this.duplicates = recorder::duplicateLoad;
    }

    /** @return the cache this one decorates */
    public Cache delegate() {
        return delegate;
    }

    /** @return the recorder of this cache's meters */
    public CacheRecorder recorder() {
        return recorder;
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public Object getNativeCache() {
        return delegate.getNativeCache();
    }

    @Override
    public @Nullable ValueWrapper get(Object key) {
        RequestScope scope = recorder.currentScope();
        ValueWrapper found = lookup(key);
        if (found != null) {
            recorder.hit(scope);
        } else {
            recorder.miss(scope);
        }
        return found;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
        ValueWrapper found = get(key);
        if (found == null) {
            return null;
        }
        Object value = found.get();
        if (value != null && type != null && !type.isInstance(value)) {
            throw new IllegalStateException("Cached value is not of required type [" + type.getName() + "]: " + value);
        }
        return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
        RequestScope scope = recorder.currentScope();
        if (singleFlight) {
            Flight<Object> inFlight = flights.joinable(key);
            if (inFlight != null) {
                return join(inFlight, key, valueLoader, scope);
            }
        }
        ValueWrapper found = lookup(key);
        if (found != null) {
            recorder.hit(scope);
            return (T) found.get();
        }
        if (!singleFlight) {
            return load(key, valueLoader, scope);
        }
        Flight<Object> mine = flights.newFlight(false, true);
        Flight<Object> other = flights.claim(key, mine);
        if (other != null) {
            return join(other, key, valueLoader, scope);
        }
        return lead(key, valueLoader, scope, mine);
    }

    /** Loads for every caller of the flight; the flight is completed and forgotten whatever happens. */
    private <T> @Nullable T lead(Object key, Callable<T> valueLoader, @Nullable RequestScope scope, Flight<Object> mine) {
        T value = null;
        Throwable failure = null;
        try {
            value = load(key, valueLoader, scope);
            return value;
        } catch (Throwable thrown) {
            failure = thrown;
            throw thrown;
        } finally {
            if (failure == null) {
                mine.result().complete(value);
            } else {
                mine.result().completeExceptionally(failure);
            }
            flights.remove(key, mine);
        }
    }

    /**
     * The decorated cache's own {@code get(key, Callable)}, with a loader that tells whether it
     * ran: if it did not, another caller stored the value meanwhile (a hit); if it did, it
     * counted the miss and the load, and a value the cache then stored is a put. A failure of the
     * cache is an error of the read or, after a successful load, of the write.
     */
    private <T> @Nullable T load(Object key, Callable<T> valueLoader, @Nullable RequestScope scope) {
        TimedLoader<T> loader = new TimedLoader<>(valueLoader, recorder, scope, key,
                singleFlight ? null : flights, duplicates);
        T value;
        try {
            value = delegate.get(key, loader);
        } catch (RuntimeException failure) {
            if (!loader.invoked()) {
                recorder.error(CacheOperation.GET, CacheErrors.classify(failure));
            } else if (!loader.failed()) {
                recorder.error(CacheOperation.PUT, CacheErrors.classify(failure));
            }
            throw failure;
        }
        if (loader.invoked()) {
            recorder.put();
        } else {
            recorder.hit(scope);
        }
        return value;
    }

    /**
     * Waits for another caller's load: counted as coalesced and, as the key was absent, as a
     * miss; never as a hit. The load's outcome reaches it as it reached the leader.
     */
    @SuppressWarnings("unchecked")
    private <T> @Nullable T join(Flight<Object> flight, Object key, Callable<T> valueLoader, @Nullable RequestScope scope) {
        recorder.coalesced();
        if (flight.afterMiss()) {
            recorder.miss(scope);
        }
        try {
            return (T) flight.result().get();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ValueRetrievalException(key, valueLoader, cause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ValueRetrievalException(key, valueLoader, interrupted);
        }
    }

    @Override
    public @Nullable CompletableFuture<?> retrieve(Object key) {
        RequestScope scope = retained(recorder.currentScope());
        CompletableFuture<?> future;
        try {
            future = delegate.retrieve(key);
        } catch (UnsupportedOperationException unsupported) {
            throw unsupported;
        } catch (RuntimeException failure) {
            recorder.error(CacheOperation.GET, CacheErrors.classify(failure));
            throw failure;
        }
        if (future == null) {
            recorder.miss(scope);
            return null;
        }
        return future.whenComplete((value, failure) -> {
            if (failure != null) {
                recorder.error(CacheOperation.GET, CacheErrors.classify(failure));
            } else if (value != null) {
                recorder.hit(scope);
            } else {
                recorder.miss(scope);
            }
        });
    }

    @Override
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        RequestScope scope = retained(recorder.currentScope());
        AsyncTimedLoader<T> loader = new AsyncTimedLoader<>(valueLoader, recorder, scope);
        CompletableFuture<T> future;
        try {
            future = delegate.retrieve(key, loader);
        } catch (UnsupportedOperationException unsupported) {
            throw unsupported;
        } catch (RuntimeException failure) {
            recorder.error(CacheOperation.GET, CacheErrors.classify(failure));
            throw failure;
        }
        return future.whenComplete((value, failure) -> {
            if (loader.invoked()) {
                if (failure == null) {
                    recorder.put();
                }
            } else if (failure != null) {
                recorder.error(CacheOperation.GET, CacheErrors.classify(failure));
            } else {
                recorder.hit(scope);
            }
        });
    }

    @Override
    public void put(Object key, @Nullable Object value) {
        flights.invalidate(key);
        try {
            delegate.put(key, value);
        } catch (RuntimeException failure) {
            recorder.error(CacheOperation.PUT, CacheErrors.classify(failure));
            throw failure;
        }
        recorder.put();
    }

    @Override
    public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
        ValueWrapper existing;
        try {
            existing = delegate.putIfAbsent(key, value);
        } catch (RuntimeException failure) {
            recorder.error(CacheOperation.PUT, CacheErrors.classify(failure));
            throw failure;
        }
        if (existing == null) {
            flights.invalidate(key);
            recorder.put();
        }
        return existing;
    }

    @Override
    public void evict(Object key) {
        recorder.invalidation();
        flights.invalidate(key);
        try {
            delegate.evict(key);
        } catch (RuntimeException failure) {
            recorder.error(CacheOperation.DELETE, CacheErrors.classify(failure));
            throw failure;
        }
    }

    @Override
    public boolean evictIfPresent(Object key) {
        recorder.invalidation();
        flights.invalidate(key);
        try {
            return delegate.evictIfPresent(key);
        } catch (RuntimeException failure) {
            recorder.error(CacheOperation.DELETE, CacheErrors.classify(failure));
            throw failure;
        }
    }

    @Override
    public void clear() {
        recorder.invalidation();
        flights.invalidateAll();
        try {
            delegate.clear();
        } catch (RuntimeException failure) {
            recorder.error(CacheOperation.DELETE, CacheErrors.classify(failure));
            throw failure;
        }
    }

    @Override
    public boolean invalidate() {
        recorder.invalidation();
        flights.invalidateAll();
        try {
            return delegate.invalidate();
        } catch (RuntimeException failure) {
            recorder.error(CacheOperation.DELETE, CacheErrors.classify(failure));
            throw failure;
        }
    }

    /** The decorated cache's {@code get(key)}; a failure is counted and rethrown. */
    private @Nullable ValueWrapper lookup(Object key) {
        try {
            return delegate.get(key);
        } catch (RuntimeException failure) {
            recorder.error(CacheOperation.GET, CacheErrors.classify(failure));
            throw failure;
        }
    }

    /** Keeps an asynchronous caller's scope from being reused by a later request while its future is out. */
    private @Nullable RequestScope retained(@Nullable RequestScope scope) {
        if (scope == null) {
            return null;
        }
        try {
            return scope.retain();
        } catch (Throwable unexpected) {
            recorder.failed(unexpected);
            return null;
        }
    }

    @Override
    public String toString() {
        return "InstrumentedCache[" + delegate + "]";
    }
}
