package dev.perfmon.jdbc.pool.internal;

import org.jspecify.annotations.Nullable;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The connections one thread holds from one pool, as a small stack of borrows. Written by the
 * owning thread only (plain stores published by a release store of {@code depth}), read by the
 * sampler (acquire load of {@code depth}, then the slots). A connection closed on another thread
 * is counted in {@link #foreign} and taken off by the owner at its next borrow or return.
 */
final class Holding {

    /** Borrows tracked individually per thread; deeper nesting is only counted. */
    static final int SLOTS = 4;

    /**
     * Release stores of {@code depth}. A field updater rather than a {@code VarHandle}: a borrow runs
     * deep in the request's compiled code, where a handle the JIT does not inline costs several
     * type-checking calls per access, an updater one call.
     */
    private static final AtomicIntegerFieldUpdater<Holding> DEPTH = AtomicIntegerFieldUpdater.newUpdater(Holding.class, "depth");

    final Thread owner;
    final long[] since = new long[SLOTS];
    final @Nullable String[] routes = new String[SLOTS];
    final @Nullable Throwable[] sites = new Throwable[SLOTS];
    /** The {@code since} of borrows already reported as long holds; sampler only, never shifted. */
    private final long[] reported = new long[SLOTS];
    private int nextReported;
    /** Connections of this thread returned on other threads, not yet taken off. */
    final AtomicInteger foreign = new AtomicInteger();
    /** Written by the owner only, with release stores ({@link #DEPTH}); its own reads need no ordering. */
    private volatile int depth;

    Holding(Thread owner) {
        this.owner = owner;
        java.util.Arrays.fill(reported, Long.MIN_VALUE);
    }

    /** The owner's name; a virtual thread has none unless given one, so its id stands in, as in thread dumps. */
    String ownerName() {
        String name = owner.getName();
        return name.isEmpty() ? "#" + owner.getId() : name;
    }

    /** Owner thread: a borrow at {@code now}. */
    void push(@Nullable String route, long now, @Nullable Throwable site) {
        if (foreign.get() != 0) {
            reconcile();
        }
        int d = depth;
        if (d < SLOTS) {
            since[d] = now;
            routes[d] = route;
            sites[d] = site;
        }
        DEPTH.lazySet(this, d + 1);
    }

    /**
     * Owner thread: a return of a connection held for {@code usageNanos}.
     *
     * @return false when this thread holds nothing (the connection was borrowed elsewhere)
     */
    boolean pop(long now, long usageNanos) {
        if (foreign.get() != 0) {
            reconcile();
        }
        int d = depth;
        if (d == 0) {
            return false;
        }
        if (d <= SLOTS) {
            // Connections are usually closed last-borrowed-first, but not always: remove the
            // borrow whose start best matches the usage HikariCP reports.
            int slot = d - 1;
            if (d > 1) {
                long borrowedAt = now - usageNanos;
                long best = Math.abs(since[slot] - borrowedAt);
                for (int i = d - 2; i >= 0; i--) {
                    long distance = Math.abs(since[i] - borrowedAt);
                    if (distance < best) {
                        best = distance;
                        slot = i;
                    }
                }
                removeSlot(slot, d);
            } else {
                clearSlot(0);
            }
        }
        DEPTH.lazySet(this, d - 1);
        return true;
    }

    /** Owner thread: undoes the borrow just pushed (HikariCP reports a timeout as an acquisition first). */
    void undoPush() {
        int d = depth;
        if (d > 0) {
            if (d <= SLOTS) {
                clearSlot(d - 1);
            }
            DEPTH.lazySet(this, d - 1);
        }
    }

    /** @return borrows still held as the sampler sees them */
    int depth() {
        return Math.max(0, depth - foreign.get());
    }

    /** @return the first slot still held: slots below it were returned on other threads */
    int firstHeldSlot() {
        return Math.min(foreign.get(), SLOTS);
    }

    /** @return raw depth for the sampler, before foreign returns are taken off */
    int rawDepth() {
        return depth;
    }

    /** Sampler: whether the borrow that started at {@code borrowedAt} was already reported. */
    boolean wasReported(long borrowedAt) {
        for (long r : reported) {
            if (r == borrowedAt) {
                return true;
            }
        }
        return false;
    }

    /** Sampler: remembers a reported borrow, overwriting the oldest of the last {@link #SLOTS} remembered. */
    void markReported(long borrowedAt) {
        reported[nextReported] = borrowedAt;
        nextReported = (nextReported + 1) % SLOTS;
    }

    private void reconcile() {
        int returned = foreign.getAndSet(0);
        int d = depth;
        int k = Math.min(returned, d);
        // The oldest borrows are the ones most likely closed elsewhere.
        for (int i = 0; i < k; i++) {
            removeSlot(0, Math.min(d - i, SLOTS + 1));
        }
        DEPTH.lazySet(this, d - k);
    }

    private void removeSlot(int slot, int depth) {
        int last = Math.min(depth, SLOTS) - 1;
        for (int i = slot; i < last; i++) {
            since[i] = since[i + 1];
            routes[i] = routes[i + 1];
            sites[i] = sites[i + 1];
        }
        if (last >= 0) {
            clearSlot(last);
        }
    }

    private void clearSlot(int slot) {
        routes[slot] = null;
        sites[slot] = null;
    }
}
