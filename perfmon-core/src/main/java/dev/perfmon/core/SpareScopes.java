package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Closed scopes of threads that ended, for the first scope of new threads: with a thread per
 * request (virtual threads), the spare scope each thread keeps for its next scope is never used by
 * it, so it is handed on once its thread is gone. Only a scope whose thread has ended is given:
 * its last reads after closing it (the servlet filter reads the duration) are over. Bounded by
 * {@value #CAPACITY} and by the limit each give names (the threads the next prune interval can
 * start: more spares could not be used before the next hand-on, and would only be kept); never
 * waits: a caller that finds the pool busy makes a scope (or drops one).
 */
final class SpareScopes {

    static final int CAPACITY = 1024;

    private final RequestScope[] stack = new RequestScope[CAPACITY];
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private int size;
    /** {@link #size} as last written, read without the lock to skip an empty pool. */
    private volatile int available;

    /** @return a spare scope, or null when there is none or the pool is busy */
    @Nullable RequestScope take() {
        if (available == 0 || !lock.tryLock()) {
            return null;
        }
        try {
            if (size == 0) {
                return null;
            }
            RequestScope spare = stack[--size];
            stack[size] = null;
            available = size;
            return spare;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps a closed scope of a thread that ended, unless the pool holds {@code limit} (at most
     * {@link #CAPACITY}) or is busy.
     */
    void give(RequestScope spare, int limit) {
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (size < Math.min(CAPACITY, limit)) {
                stack[size++] = spare;
                available = size;
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return how many are kept now */
    int size() {
        return available;
    }

    /** Drops every spare; never waits (a scope still being given as the instance closes may stay). */
    void clear() {
        for (int tries = 0; available > 0 && tries < CAPACITY * 2; tries++) {
            take();
        }
    }
}
