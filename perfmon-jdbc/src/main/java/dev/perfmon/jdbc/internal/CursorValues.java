package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The keyset cursors bound to one prepared statement ({@code id > ?} in
 * {@code where id > ? order by id limit ?}), each as a number that sorts like the value, so the
 * detector can tell a cursor that advances from page to page from a per-row lookup that merely
 * has the shape of paging. Only numbers and points in time are kept; anything else is
 * {@link #UNKNOWN}, and the statement's shape alone then decides. Never leaves the process.
 */
final class CursorValues {

    /** A cursor bound with a value that does not sort as a number, or not bound. */
    static final long UNKNOWN = Long.MIN_VALUE;

    private final int[] ordinals;
    private final long[] values;

    private CursorValues(int[] ordinals) {
        this.ordinals = ordinals;
        this.values = new long[ordinals.length];
        java.util.Arrays.fill(values, UNKNOWN);
    }

    /** @return the cursors of {@code info}, or {@code null} when it has none (no keyset paging shape) */
    static @Nullable CursorValues of(SqlInfo info) {
        int[] keyset = info.keysetOrdinals();
        if (keyset.length == 0) {
            return null;
        }
        int[] paging = info.pagingOrdinals();
        int[] cursors = new int[keyset.length];
        int n = 0;
        for (int ordinal : keyset) {
            if (java.util.Arrays.binarySearch(paging, ordinal) < 0) {
                cursors[n++] = ordinal;
            }
        }
        return n == 0 ? null : new CursorValues(java.util.Arrays.copyOf(cursors, n));
    }

    void set(int index, long value) {
        int cursor = cursor(index);
        if (cursor >= 0) {
            values[cursor] = value;
        }
    }

    void set(int index, double value) {
        int cursor = cursor(index);
        if (cursor >= 0) {
            values[cursor] = sortable(value);
        }
    }

    void set(int index, @Nullable Object value) {
        int cursor = cursor(index);
        if (cursor >= 0) {
            values[cursor] = sortable(value);
        }
    }

    /** @return which cursor the 1-based parameter {@code index} binds, or -1 when none */
    private int cursor(int index) {
        for (int i = 0; i < ordinals.length; i++) {
            if (ordinals[i] == index) {
                return i;
            }
        }
        return -1;
    }

    void clear() {
        java.util.Arrays.fill(values, UNKNOWN);
    }

    /** @return the values bound now, one per cursor; read at execution, not kept */
    long[] values() {
        return values;
    }

    /** @return {@code value} as a number that sorts like it, or {@link #UNKNOWN} */
    static long sortable(@Nullable Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? big.longValue() : UNKNOWN;
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return sortable(((Number) value).doubleValue());
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return Math.floorDiv(timestamp.getTime(), 1000) * 1_000_000_000L + timestamp.getNanos();
        }
        if (value instanceof java.util.Date date) {
            return date.getTime();
        }
        if (value instanceof Instant instant) {
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }
        if (value instanceof LocalDateTime time) {
            return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + time.getNano();
        }
        if (value instanceof OffsetDateTime time) {
            return sortable(time.toInstant());
        }
        if (value instanceof ZonedDateTime time) {
            return sortable(time.toInstant());
        }
        if (value instanceof LocalDate date) {
            return date.toEpochDay();
        }
        return UNKNOWN;
    }

    /** A double's bits turned so that they sort as signed longs in the order of the doubles. */
    private static long sortable(double value) {
        if (Double.isNaN(value)) {
            return UNKNOWN;
        }
        long bits = Double.doubleToLongBits(value);
        return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
    }
}
