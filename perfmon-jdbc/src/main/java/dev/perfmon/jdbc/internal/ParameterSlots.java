package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;

/**
 * The parameter hashes currently bound to one prepared statement, by index. JDBC parameters
 * stay bound across executions until cleared, so the slots mirror that; the set's hash is
 * computed at execution. Indexes past {@link #MAX_SLOTS} fold into the last slot.
 *
 * <p>A platform thread lends the same slots to one statement after another ({@link ParameterSpares}).
 */
class ParameterSlots {

    static final int MAX_SLOTS = 1024;

    /** What a statement reads once its slots went back: nothing bound. Never written. */
    static final ParameterSlots NONE = new ParameterSlots();

    private long @Nullable [] slots;
    private int max;
    private long named;

    /**
     * The number of the current loan: a statement holds these slots while its number is this one.
     * An int fits the object's alignment padding: a statement's own slots stay 32 bytes.
     */
    int lease;

    /** Empties the slots for the next loan and ends this one: the statement that had them reads {@link #NONE} from now on. */
    void takeBack() {
        clear();
        lease++;
    }

    /** @param index the 1-based JDBC parameter index */
    void set(int index, long hash) {
        if (index < 1 || this == NONE) {
            return;
        }
        long[] s = slots;
        if (s == null || index > s.length) {
            if (index > MAX_SLOTS) {
                s = ensure(MAX_SLOTS);
                s[MAX_SLOTS - 1] = Hashes.mix(s[MAX_SLOTS - 1], Hashes.mix(index, hash));
                max = MAX_SLOTS;
                return;
            }
            s = ensure(index);
        }
        s[index - 1] = hash | 1L;
        if (index > max) {
            max = index;
        }
    }

    private long[] ensure(int length) {
        long[] s = slots;
        if (s == null) {
            s = new long[Math.max(4, length)];
        } else if (length > s.length) {
            s = Arrays.copyOf(s, Math.min(MAX_SLOTS, Math.max(length, s.length * 2)));
        }
        slots = s;
        return s;
    }

    /** Named parameters (CallableStatement): an order-independent combination, good enough for them. */
    void setNamed(@Nullable String name, long hash) {
        if (this == NONE) {
            return;
        }
        named += Hashes.mix(name == null ? 0 : name.hashCode(), hash);
    }

    /** @return whether the value at 1-based {@code index} was bound and hashes as {@code hash} */
    boolean holds(int index, long hash) {
        long[] s = slots;
        return s != null && index >= 1 && index <= Math.min(max, s.length) && s[index - 1] == (hash | 1L);
    }

    void clear() {
        if (this == NONE) {
            return;
        }
        if (slots != null) {
            Arrays.fill(slots, 0, max, 0L);
        }
        max = 0;
        named = 0;
    }

    /**
     * @param pagingOrdinals ascending 1-based indexes to leave out, or an empty array
     * @return how many bound values, those at {@code pagingOrdinals} left out, are not SQL NULL
     */
    int nonNullCount(int[] pagingOrdinals) {
        long[] s = slots;
        if (s == null) {
            return 0;
        }
        int count = 0;
        int skip = 0;
        for (int k = 1; k <= max; k++) {
            if (skip < pagingOrdinals.length && pagingOrdinals[skip] == k) {
                skip++;
                continue;
            }
            long slot = s[k - 1];
            if (slot != 0L && slot != (ParameterHashes.NULL | 1L)) {
                count++;
            }
        }
        return count;
    }

    /**
     * @param pagingOrdinals ascending 1-based indexes to leave out, or an empty array
     * @return a hash of the bound values, without those at {@code pagingOrdinals}
     */
    long hash(int[] pagingOrdinals) {
        long h = Hashes.mix(Hashes.SEED, named);
        long[] s = slots;
        if (s == null) {
            return h;
        }
        int skip = 0;
        for (int k = 1; k <= max; k++) {
            if (skip < pagingOrdinals.length && pagingOrdinals[skip] == k) {
                skip++;
                continue;
            }
            h = Hashes.mix(h, s[k - 1]);
        }
        return h;
    }
}
