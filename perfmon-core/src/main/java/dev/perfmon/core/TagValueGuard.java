package dev.perfmon.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds the distinct values one tag of one meter can take. The first {@code cap} distinct
 * values pass through; every later one is folded into a fixed overflow value. Callers record
 * the measurement with whatever {@link #admit(String)} returns, so nothing is dropped and
 * totals across all tag values stay exact while the number of meters stays bounded.
 *
 * <p>Thread-safe; {@link #admit(String)} allocates nothing for a value already admitted.
 */
public final class TagValueGuard {

    private final int cap;
    private final String overflowValue;
    private final ConcurrentMap<String, String> admitted = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder folded = new LongAdder();

    /**
     * @param cap how many distinct values pass through, at least 1
     * @param overflowValue the value returned once the cap is reached; not blank
     */
    public TagValueGuard(int cap, String overflowValue) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1, was " + cap);
        }
        if (overflowValue == null || overflowValue.isBlank()) {
            throw new IllegalArgumentException("overflowValue must not be blank, was '" + overflowValue + "'");
        }
        this.cap = cap;
        this.overflowValue = overflowValue;
    }

    /**
     * @param value a candidate tag value
     * @return the canonical instance of {@code value} if it is (or now becomes) one of the
     *     admitted values, otherwise the overflow value
     */
    public String admit(String value) {
        String known = admitted.get(value);
        if (known != null) {
            return known;
        }
        if (value.equals(overflowValue)) {
            return overflowValue;
        }
        if (size.get() >= cap) {
            // A value admitted as the cap was reached is in the map before the count shows it.
            known = admitted.get(value);
            if (known != null) {
                return known;
            }
            folded.increment();
            return overflowValue;
        }
        return admitWithRoom(value);
    }

    /**
     * One admission at a time while there is room: two threads admitting one value as the last
     * place went could otherwise answer differently, and one value would be recorded under itself
     * and under the overflow value. The value goes in the map before the count: a thread that sees
     * the cap reached then sees the value.
     */
    private synchronized String admitWithRoom(String value) {
        String known = admitted.get(value);
        if (known != null) {
            return known;
        }
        if (size.get() >= cap) {
            folded.increment();
            return overflowValue;
        }
        admitted.put(value, value);
        size.incrementAndGet();
        return value;
    }

    /** @return how many calls returned the overflow value for a value that was not admitted */
    public long foldedCount() {
        return folded.sum();
    }

    /** @return how many distinct values are admitted, at most the cap */
    public int admittedCount() {
        return admitted.size();
    }

    /** @return the overflow value */
    public String overflowValue() {
        return overflowValue;
    }

    /** @return the cap */
    public int cap() {
        return cap;
    }
}
