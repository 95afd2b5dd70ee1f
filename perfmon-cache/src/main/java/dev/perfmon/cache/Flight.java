package dev.perfmon.cache;

import java.util.concurrent.CompletableFuture;

/**
 * The load(s) of one key in flight in this JVM, as tracked by {@link Flights}. With single-flight,
 * one leader loads and every joiner waits on {@link #result()}; without it, the record only
 * counts how many callers load the key at once (the stampede signal). Either way an invalidation
 * marks it, so that no load that started before the invalidation writes its now stale value back.
 * The leader must complete {@link #result()} (joiners wait for it) and then
 * {@link Flights#remove forget} the flight, whatever happened.
 *
 * @param <V> the value type
 */
public final class Flight<V> {

    /** The shared outcome; joiners get copies, so cancelling one caller cancels nothing shared. */
    final CompletableFuture<V> result = new CompletableFuture<>();
    /** Whether this is an early recomputation of a value still cached (callers read that instead). */
    final boolean early;
    /**
     * Whether the leader read the cache and found nothing (so a joiner also missed), as opposed
     * to loading after a failed read (a joiner then never got an answer from the cache).
     */
    final boolean afterMiss;
    /** Whether the record is in the map (false when the map was full); set before publication. */
    boolean tracked;
    /** Callers loading this key now, without single-flight; guarded by {@code this}. */
    int loaders;
    /** Set by an invalidation; guarded by {@code this}. */
    boolean invalidated;

    Flight(boolean early, boolean afterMiss) {
        this.early = early;
        this.afterMiss = afterMiss;
    }

    /** @return the shared outcome */
    public CompletableFuture<V> result() {
        return result;
    }

    /** @return whether this is an early recomputation */
    public boolean early() {
        return early;
    }

    /** @return whether the leader loads after reading nothing from the cache (a joiner then missed too) */
    public boolean afterMiss() {
        return afterMiss;
    }

    /**
     * Runs {@code write} unless the key was invalidated since the load started; the invalidation
     * takes the same lock before it sends DEL, so a write that goes ahead is sent before that DEL
     * (and Redis runs one connection's commands in order).
     *
     * @return whether the write was sent
     */
    public boolean writeUnlessInvalidated(Runnable write) {
        synchronized (this) {
            if (invalidated) {
                return false;
            }
            write.run();
            return true;
        }
    }
}
