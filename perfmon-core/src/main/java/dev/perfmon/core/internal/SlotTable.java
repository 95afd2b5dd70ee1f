package dev.perfmon.core.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed-size, lock-free table of (key, total, count) slots, keys compared by identity.
 *
 * <p>A request scope has a handful of segments and counters, so a linear scan over a few
 * slots beats hashing and allocates nothing. Several threads may add into one table at once
 * (a scope carried across threads); slots are claimed with a compare-and-set. When every slot
 * is taken, values go to the overflow key so totals stay exact.
 *
 * @param <K> the key type (interned, identity-comparable)
 */
public final class SlotTable<K> {

    private final AtomicReferenceArray<K> keys;
    private final AtomicLongArray totals;
    private final AtomicLongArray counts;
    private final K overflowKey;

    public SlotTable(int capacity, K overflowKey) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        this.keys = new AtomicReferenceArray<>(capacity);
        this.totals = new AtomicLongArray(capacity);
        this.counts = new AtomicLongArray(capacity);
        this.overflowKey = overflowKey;
    }

    /** Adds {@code amount} to the key's total and one to its count; safe from any thread. */
    public void add(K key, long amount) {
        int slot = slotOf(key);
        totals.getAndAdd(slot, amount);
        counts.getAndIncrement(slot);
    }

    /**
     * Like {@link #add(Object, long)} without atomic instructions, for the one thread that
     * owns the table while no other thread can reach it.
     */
    public void addOwned(K key, long amount) {
        int slot = ownedSlotOf(key);
        totals.setPlain(slot, totals.getPlain(slot) + amount);
        counts.setPlain(slot, counts.getPlain(slot) + 1);
    }

    /** @return the key's total, or 0 when it was never added to */
    public long total(K key) {
        int slot = find(key);
        return slot < 0 ? 0 : totals.get(slot);
    }

    /** @return how many times the key was added to, or 0 */
    public long count(K key) {
        int slot = find(key);
        return slot < 0 ? 0 : counts.get(slot);
    }

    /** @return whether the key was ever added to */
    public boolean contains(K key) {
        return find(key) >= 0;
    }

    public int capacity() {
        return keys.length();
    }

    /** @return the key in a slot, or null when the slot (and every later one) is free */
    public K keyAt(int slot) {
        return keys.get(slot);
    }

    public long totalAt(int slot) {
        return totals.get(slot);
    }

    public long countAt(int slot) {
        return counts.get(slot);
    }

    /** Empties the table for reuse; only call when no other thread can reach it. */
    public void clear() {
        for (int i = 0; i < keys.length(); i++) {
            if (keys.getPlain(i) == null) {
                break;
            }
            keys.setPlain(i, null);
            totals.setPlain(i, 0);
            counts.setPlain(i, 0);
        }
    }

    private int ownedSlotOf(K key) {
        int last = keys.length() - 1;
        for (int i = 0; i < last; i++) {
            K existing = keys.getPlain(i);
            if (existing == key) {
                return i;
            }
            if (existing == null) {
                keys.setPlain(i, key);
                return i;
            }
        }
        return slotOf(key);
    }

    private int find(K key) {
        for (int i = 0; i < keys.length(); i++) {
            K existing = keys.get(i);
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
        int last = keys.length() - 1;
        for (int i = 0; i < last; i++) {
            K existing = keys.get(i);
            if (existing == key) {
                return i;
            }
            if (existing == null) {
                if (keys.compareAndSet(i, null, key)) {
                    return i;
                }
                if (keys.get(i) == key) {
                    return i;
                }
            }
        }
        // Every other slot is taken: the last one is reserved for the overflow key, unless
        // the overflow key already owns an earlier slot, so totals stay exact.
        for (int i = 0; i < last; i++) {
            if (keys.get(i) == overflowKey) {
                return i;
            }
        }
        keys.compareAndSet(last, null, overflowKey);
        return last;
    }
}
