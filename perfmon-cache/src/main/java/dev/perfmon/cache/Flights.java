package dev.perfmon.cache;

import dev.perfmon.core.RequestScope;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keys of one cache being loaded in this JVM: per-key single-flight for any cache client
 * ({@link #joinable}, {@link #claim}, {@link #remove}) or, without single-flight, the count of
 * callers loading one key at once ({@link #enter}, {@link #exit}: the stampede signal for
 * {@link CacheRecorder#duplicateLoad}). Bounded: past {@code max} keys, new loads run untracked
 * (no single-flight, no stampede count) rather than growing the map. Keys are held only while
 * their load is in flight and never reach a meter; any key with {@code equals} and
 * {@code hashCode} works (strings, Spring's {@code SimpleKey}, ...).
 *
 * <p>Single-flight, as a client uses it:
 * <pre>{@code
 * Flight<V> flight = flights.joinable(key);           // a load in flight: wait for it
 * if (flight == null) {
 *     Flight<V> mine = flights.newFlight(false, true);
 *     flight = flights.claim(key, mine);               // null: this caller leads
 *     if (flight == null) {
 *         try { V v = load(); mine.result().complete(v); return v; }
 *         catch (Throwable t) { mine.result().completeExceptionally(t); throw t; }
 *         finally { flights.remove(key, mine); }
 *     }
 * }
 * recorder.coalesced();
 * return flight.result().get();
 * }</pre>
 *
 * @param <V> the value type
 */
public final class Flights<V> {

    /** Early recomputations count no stampede. */
    private static final DuplicateLoads NO_DUPLICATES = (concurrent, scope) -> { };

    private final ConcurrentHashMap<Object, Flight<V>> flights = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int max;

    /** @param max the most keys tracked at once */
    public Flights(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
    }

    /** @return a load of the key a reader may wait for instead of reading Redis, or {@code null} */
    public @Nullable Flight<V> joinable(Object key) {
        Flight<V> flight = flights.get(key);
        return flight == null || flight.early ? null : flight;
    }

    /**
     * @param early whether it refreshes a value still cached (readers keep reading that rather
     *     than join it)
     * @param afterMiss whether the caller read the cache and found nothing (rather than failed to read it)
     * @return a new, unregistered flight for {@link #claim}
     */
    public Flight<V> newFlight(boolean early, boolean afterMiss) {
        return new Flight<>(early, afterMiss);
    }

    /**
     * Single-flight: registers {@code mine} as the key's load unless one is in flight. When the
     * map is full, {@code mine} stays unregistered and the caller loads on its own.
     *
     * @return {@code null} when the caller leads (loads and completes {@code mine}), otherwise
     *     the flight to join
     */
    public @Nullable Flight<V> claim(Object key, Flight<V> mine) {
        Flight<V> existing = flights.get(key);
        if (existing != null) {
            return existing;
        }
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            return null;
        }
        mine.tracked = true;
        existing = flights.putIfAbsent(key, mine);
        if (existing != null) {
            mine.tracked = false;
            size.decrementAndGet();
            return existing;
        }
        return null;
    }

    /** Told of each caller that starts loading a key other callers are already loading. */
    @FunctionalInterface
    public interface DuplicateLoads {
        /**
         * @param concurrent how many callers load the key, this one included, as it joined
         * @param scope the joining caller's scope, or null
         */
        void duplicate(int concurrent, @Nullable RequestScope scope);
    }

    /**
     * Without single-flight: records one more caller loading the key, and tells
     * {@code duplicates} when others already load it. The count is taken under the record's
     * lock as the caller joins, so of callers that overlap exactly all but the first are
     * duplicates, however the threads are scheduled afterwards.
     *
     * @return the key's record
     */
    public Flight<V> enter(Object key, DuplicateLoads duplicates, @Nullable RequestScope scope) {
        while (true) {
            Flight<V> flight = flights.get(key);
            if (flight == null) {
                Flight<V> created = create(key);
                if (created != null) {
                    return created;
                }
                continue; // another caller registered the key first: join it
            }
            int concurrent = join(flight);
            if (concurrent > 0) {
                if (concurrent > 1) {
                    duplicates.duplicate(concurrent, scope);
                }
                return flight;
            }
            Thread.onSpinWait(); // the record is being removed; retry with a fresh one
        }
    }

    /**
     * Without single-flight: records one more caller loading the key, counting no stampede
     * (an early recomputation).
     *
     * @return the key's record
     */
    public Flight<V> enter(Object key) {
        return enter(key, NO_DUPLICATES, null);
    }

    /** @return the caller's new record of the key, untracked past the bound; null if another won the race */
    private @Nullable Flight<V> create(Object key) {
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            Flight<V> untracked = new Flight<>(false, true);
            untracked.loaders = 1;
            return untracked;
        }
        Flight<V> mine = new Flight<>(false, true);
        mine.loaders = 1;
        mine.tracked = true;
        if (flights.putIfAbsent(key, mine) == null) {
            return mine;
        }
        mine.tracked = false;
        size.decrementAndGet();
        return null;
    }

    /** @return how many load the record with this caller, or 0 when it has no loaders left (being removed) */
    private static int join(Flight<?> flight) {
        synchronized (flight) {
            if (flight.loaders > 0 && !flight.invalidated) {
                return ++flight.loaders;
            }
            return 0;
        }
    }

    /** Without single-flight: one caller finished loading. */
    public void exit(Object key, Flight<V> flight) {
        boolean last;
        synchronized (flight) {
            last = --flight.loaders == 0;
        }
        if (last) {
            remove(key, flight);
        }
    }

    /** Removes a finished flight (no-op if an invalidation removed it already). */
    public void remove(Object key, Flight<V> flight) {
        if (flight.tracked && flights.remove(key, flight)) {
            size.decrementAndGet();
        }
    }

    /**
     * Marks the key's flight stale and forgets it: later readers start a fresh load, and the
     * stale one will not write back.
     */
    public void invalidate(Object key) {
        Flight<V> flight = flights.remove(key);
        if (flight != null) {
            size.decrementAndGet();
            synchronized (flight) {
                flight.invalidated = true;
            }
        }
    }

    /** {@link #invalidate Invalidates} every key in flight (a cache cleared). */
    public void invalidateAll() {
        for (Object key : flights.keySet()) {
            invalidate(key);
        }
    }

    /** @return keys in flight now */
    public int size() {
        return size.get();
    }
}
