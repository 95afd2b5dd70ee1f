package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.UUID;

/**
 * Hashes of bound parameter values. Only the hash is kept, never the value, so N+1 and
 * duplicate detection can tell parameter sets apart without holding application data. Values
 * of JDK value types hash by value; streams, LOBs and application objects hash by identity, so
 * no application code ({@code hashCode}) runs and no stream is consumed.
 */
public final class ParameterHashes {

    /** The hash of SQL NULL. */
    public static final long NULL = 0x5bd1e9955bd1e995L;

    private static final int MAX_HASHED_BYTES = 1024;

    private ParameterHashes() {
    }

    public static long of(long value) {
        return Hashes.mix(0x100000001b3L, value);
    }

    public static long of(boolean value) {
        return value ? 0x2545F4914F6CDD1DL : 0x61C8864680B583EBL;
    }

    public static long of(double value) {
        double d = value == Math.rint(value) && Math.abs(value) < 9.0E15 ? value : Double.NaN;
        // Integral doubles hash like the same integer, so setDouble(1.0) and setInt(1) agree.
        return Double.isNaN(d) ? Hashes.mix(0x3C6EF372FE94F82BL, Double.doubleToLongBits(value)) : of((long) d);
    }

    public static long of(@Nullable String value) {
        return value == null ? NULL : Hashes.mix(0x510E527FADE682D1L, value.hashCode());
    }

    public static long of(byte @Nullable [] value) {
        if (value == null) {
            return NULL;
        }
        int length = Math.min(value.length, MAX_HASHED_BYTES);
        return Hashes.mix(Hashes.mix(0x9B05688C2B3E6C1FL, value.length),
                Arrays.hashCode(length == value.length ? value : Arrays.copyOf(value, length)));
    }

    /** Streams, readers and LOBs: hashed by identity; reading them would change what the driver sends. */
    public static long opaque(@Nullable Object value) {
        return value == null ? NULL : Hashes.mix(0x1F83D9ABFB41BD6BL, System.identityHashCode(value));
    }

    /** @return a value hash for JDK value types, an identity hash for anything else */
    public static long ofObject(@Nullable Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof String) {
            return of((String) value);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return of(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return of(((Number) value).doubleValue());
        }
        if (value instanceof Boolean) {
            return of(((Boolean) value).booleanValue());
        }
        if (value instanceof byte[]) {
            return of((byte[]) value);
        }
        if (value instanceof Object[]) {
            // Array parameters (Hibernate batch loads bind = any(?)): hash the elements, bounded.
            Object[] array = (Object[]) value;
            long hash = Hashes.mix(0x5BE0CD19137E2179L, array.length);
            for (int k = 0, end = Math.min(array.length, 256); k < end; k++) {
                hash = Hashes.mix(hash, array[k] instanceof Object[] ? opaque(array[k]) : ofObject(array[k]));
            }
            return hash;
        }
        if (value instanceof long[]) {
            return Hashes.mix(0x7137449123EF65CDL, Arrays.hashCode((long[]) value));
        }
        if (value instanceof int[]) {
            return Hashes.mix(0x7137449123EF65CDL, Arrays.hashCode((int[]) value));
        }
        if (value instanceof Enum) {
            return Hashes.mix(0xB5C0FBCFEC4D3B2FL, ((Enum<?>) value).name().hashCode());
        }
        if (value instanceof java.net.URL) {
            // URL.hashCode resolves the host name: a DNS lookup on the caller's thread.
            return Hashes.mix(0x6A09E667F3BCC908L, ((java.net.URL) value).toExternalForm().hashCode());
        }
        if (isJdkValue(value)) {
            try {
                return Hashes.mix(value.getClass().getName().hashCode(), value.hashCode());
            } catch (RuntimeException e) {
                return opaque(value);
            }
        }
        return opaque(value);
    }

    /** The JDK's own value classes only: an application subclass's hashCode is application code. */
    private static boolean isJdkValue(Object value) {
        ClassLoader loader = value.getClass().getClassLoader();
        if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
            return false;
        }
        return value instanceof Number || value instanceof Character || value instanceof UUID
                || value instanceof java.util.Date || value instanceof TemporalAccessor
                || value instanceof java.net.URI;
    }

    /** @return how many elements of {@code value} are not null, when it is an array; 0 otherwise */
    public static int nonNullElements(@Nullable Object value) {
        if (value instanceof Object[]) {
            int count = 0;
            for (Object element : (Object[]) value) {
                if (element != null) {
                    count++;
                }
            }
            return count;
        }
        if (value instanceof long[]) {
            return ((long[]) value).length;
        }
        if (value instanceof int[]) {
            return ((int[]) value).length;
        }
        return 0;
    }
}
