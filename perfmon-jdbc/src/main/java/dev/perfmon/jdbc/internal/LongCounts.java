package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

/**
 * Counts per 64-bit hash, open addressing, allocation-free once sized. Holds at most
 * {@link #MAX_KEYS} distinct hashes, and grows only as far as its {@link StateBudget} allows:
 * past either, new hashes are dropped and {@link #saturated()} says the distinct count is a
 * lower bound. Not thread-safe.
 */
final class LongCounts {

    static final int MAX_KEYS = 4096;
    private static final long EMPTY = 0L;
    private static final long ZERO_KEY = 0x9E3779B97F4A7C15L;

    private final @Nullable StateBudget budget;
    private long[] keys = new long[8];
    private int[] counts = new int[8];
    private int size;
    private boolean saturated;

    /** @param budget what growing may take, or {@code null} for a transient table without limit */
    LongCounts(@Nullable StateBudget budget) {
        this.budget = budget;
    }

    LongCounts() {
        this(null);
    }

    /** @return the account of an empty table, for its owner to take from the budget */
    static int initialBytes() {
        return StateBudget.COUNTS_BYTES + 8 * StateBudget.COUNT_SLOT_BYTES;
    }

    /** Adds one to the count of {@code hash}. */
    void increment(long hash) {
        long key = hash == EMPTY ? ZERO_KEY : hash;
        int mask = keys.length - 1;
        int slot = spread(key) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) {
                counts[slot]++;
                return;
            }
            if (k == EMPTY) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        if (size >= MAX_KEYS || ((size + 1) * 2 > keys.length && !mayGrow())) {
            saturated = true;
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
            mask = keys.length - 1;
            slot = spread(key) & mask;
            while (keys[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
        }
        keys[slot] = key;
        counts[slot] = 1;
        size++;
    }

    /** Doubling keeps the table's net size twice what it was: the old arrays are garbage. */
    private boolean mayGrow() {
        return budget == null || budget.tryTake((long) keys.length * StateBudget.COUNT_SLOT_BYTES);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            long k = oldKeys[i];
            if (k != EMPTY) {
                int slot = spread(k) & mask;
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = k;
                counts[slot] = oldCounts[i];
            }
        }
    }

    private static int spread(long key) {
        long h = key * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32));
    }

    /** @return distinct hashes counted (a lower bound once saturated) */
    int size() {
        return size;
    }

    boolean saturated() {
        return saturated;
    }

    /** @return the sum of counts of hashes counted more than once */
    int repeatedExecutions() {
        int total = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && counts[i] > 1) {
                total += counts[i];
            }
        }
        return total;
    }

    /** @return how many hashes were counted more than once */
    int repeatedKeys() {
        int total = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && counts[i] > 1) {
                total++;
            }
        }
        return total;
    }

    /** @return the highest count of any hash */
    int maxCount() {
        int max = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && counts[i] > max) {
                max = counts[i];
            }
        }
        return max;
    }

    /** Adds every count of {@code other} to this one. */
    void addAll(LongCounts other) {
        for (int i = 0; i < other.keys.length; i++) {
            long k = other.keys[i];
            if (k != EMPTY) {
                for (int c = 0; c < other.counts[i]; c++) {
                    increment(k == ZERO_KEY ? EMPTY : k);
                }
            }
        }
    }
}
