package dev.perfmon.core.internal;

import java.util.Arrays;

/**
 * Copy-on-write arrays for lists read on every request and changed rarely (listeners, logs):
 * readers iterate a volatile array without locking; writers publish a changed copy.
 */
public final class CopyOnWrite {

    private CopyOnWrite() {
    }

    /** @return a copy of {@code array} with {@code element} appended */
    public static <T> T[] plus(T[] array, T element) {
        T[] next = Arrays.copyOf(array, array.length + 1);
        next[array.length] = element;
        return next;
    }

    /**
     * @return a copy of {@code array} without the first occurrence of {@code element} (by
     *     identity), or {@code array} itself when it holds none
     */
    public static <T> T[] minus(T[] array, T element) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == element) {
                T[] next = Arrays.copyOf(array, array.length - 1);
                System.arraycopy(array, i + 1, next, i, array.length - i - 1);
                return next;
            }
        }
        return array;
    }
}
