package dev.perfmon.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed-size, lock-free table of (key, total, count) slots, keys compared by identity.
 *
 * <p>A request scope has a handful of segments and counters, so a linear scan over a few
 * slots beats hashing and allocates nothing. Several threads may add into one table at once
 * (a scope carried across threads); slots are claimed with a compare-and-set. When every slot
 * is taken, values go to the overflow key so totals stay exact.
 *
 * <p>The slots are plain arrays: the owning thread's path ({@link #addOwned}) reads and writes
 * them as plain Java, which the JIT compiles to a few loads and stores wherever it is inlined;
 * only shared writes and cross-thread reads go through array {@link VarHandle}s, with the same
 * memory semantics the {@code Atomic*Array} classes give (they are those handles inside).
 *
 * @param <K> the key type (interned, identity-comparable)
 */
public final class SlotTable<K> {

    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final Object[] keys;
    private final long[] totals;
    private final long[] counts;
    private final K overflowKey;

    public SlotTable(int capacity, K overflowKey) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        this.keys = new Object[capacity];
        this.totals = new long[capacity];
        this.counts = new long[capacity];
        this.overflowKey = overflowKey;
    }

    /** Adds {@code amount} to the key's total and one to its count; safe from any thread. */
    public void add(K key, long amount) {
        int slot = slotOf(key);
        // Typed results keep the calls exact (no adaptation of the handle's type).
        long total = (long) LONGS.getAndAdd(totals, slot, amount);
        long count = (long) LONGS.getAndAdd(counts, slot, 1L);
    }

    /**
     * Like {@link #add(Object, long)} without atomic instructions, for the one thread that
     * owns the table while no other thread can reach it.
     */
    public void addOwned(K key, long amount) {
        int slot = ownedSlotOf(key);
        totals[slot] += amount;
        counts[slot]++;
    }

    /** @return the key's total, or 0 when it was never added to */
    public long total(K key) {
        int slot = find(key);
        return slot < 0 ? 0 : (long) LONGS.getVolatile(totals, slot);
    }

    /** @return how many times the key was added to, or 0 */
    public long count(K key) {
        int slot = find(key);
        return slot < 0 ? 0 : (long) LONGS.getVolatile(counts, slot);
    }

    /** @return whether the key was ever added to */
    public boolean contains(K key) {
        return find(key) >= 0;
    }

    public int capacity() {
        return keys.length;
    }

    /** @return the key in a slot, or null when the slot (and every later one) is free */
    @SuppressWarnings("unchecked")
    public K keyAt(int slot) {
        return (K) KEYS.getVolatile(keys, slot);
    }

    public long totalAt(int slot) {
        return (long) LONGS.getVolatile(totals, slot);
    }

    public long countAt(int slot) {
        return (long) LONGS.getVolatile(counts, slot);
    }

    /** Empties the table for reuse; only call when no other thread can reach it. */
    public void clear() {
        Object[] k = keys;
        for (int i = 0; i < k.length; i++) {
            if (k[i] == null) {
                break;
            }
            k[i] = null;
            totals[i] = 0;
            counts[i] = 0;
        }
    }

    private int ownedSlotOf(K key) {
        Object[] k = keys;
        int last = k.length - 1;
        for (int i = 0; i < last; i++) {
            Object existing = k[i];
            if (existing == key) {
                return i;
            }
            if (existing == null) {
                k[i] = key;
                return i;
            }
        }
        return slotOf(key);
    }

    private int find(K key) {
        for (int i = 0; i < keys.length; i++) {
            Object existing = KEYS.getVolatile(keys, i);
            if (existing == key) {
                return i;
            }
            if (existing == null) {
                return -1;
            }
        }
        return -1;
    }

    private int slotOf(K key) {
        Object[] k = keys;
        int last = k.length - 1;
        for (int i = 0; i < last; i++) {
            Object existing = KEYS.getVolatile(k, i);
            if (existing == key) {
                return i;
            }
            if (existing == null) {
                if (KEYS.compareAndSet(k, i, (Object) null, (Object) key)) {
                    return i;
                }
                if (KEYS.getVolatile(k, i) == key) {
                    return i;
                }
            }
        }
        // Every other slot is taken: the last one is reserved for the overflow key, unless
        // the overflow key already owns an earlier slot, so totals stay exact.
        for (int i = 0; i < last; i++) {
            if (KEYS.getVolatile(k, i) == overflowKey) {
                return i;
            }
        }
        boolean claimed = KEYS.compareAndSet(k, last, (Object) null, (Object) overflowKey); // or claimed already
        return last;
    }
}
