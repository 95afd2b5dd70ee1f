package dev.perfmon.core.internal;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks of perfmon's records and builders, each with one wording: a failure names
 * the argument and the value it was given, so a misconfiguration reads the same in every module.
 */
public final class Require {

    private Require() {
    }

    /**
     * Checks a record's components at once, so a constructor states which must be set in one line.
     *
     * @param names the components' names separated by commas, in the order of {@code values}
     * @throws NullPointerException naming the first null component
     */
    public static void nonNull(String names, @Nullable Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(names.split(",\\s*")[i]);
            }
        }
    }

    /** @return {@code value}, which must be set and above zero */
    public static Duration positive(String name, @Nullable Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** @return {@code value}, which must be set and zero or more */
    public static Duration notNegative(String name, @Nullable Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * @param range the bounds in words for the message, such as {@code between 10 ms and 1 s}
     * @return {@code value}, which must be set and lie in {@code [min, max]}
     */
    public static Duration within(String name, @Nullable Duration value, Duration min, Duration max, String range) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be " + range + ", was " + value);
        }
        return value;
    }

    /**
     * @param minInWords {@code min} for the message, such as {@code 250 ms}
     * @return {@code value}, which must be set and {@code min} or more
     */
    public static Duration atLeast(String name, @Nullable Duration value, Duration min, String minInWords) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + minInWords + ", was " + value);
        }
        return value;
    }

    /** @return {@code value}, which must be {@code min} or more */
    public static int atLeast(String name, int value, int min) {
        return (int) atLeast(name, (long) value, min);
    }

    /** @return {@code value}, which must be {@code min} or more */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** @return {@code value}, which must lie in {@code [min, max]} */
    public static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** @return {@code value}, a share in (0, 1] */
    public static double ratio(String name, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
        }
        return value;
    }

    /**
     * Checks a pair of thresholds on a share: {@code <name>Warning} and {@code <name>Critical},
     * each in (0, 1], the warning not above the critical.
     */
    public static void ratioThresholds(String name, double warning, double critical) {
        ratio(name + "Warning", warning);
        ratio(name + "Critical", critical);
        if (warning > critical) {
            throw new IllegalArgumentException(name + " warning must not exceed critical, was warning="
                    + warning + " critical=" + critical);
        }
    }

    /** @return {@code value}, which must be set and hold more than white space */
    public static String notBlank(String name, @Nullable String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was '" + value + "'");
        }
        return value;
    }
}
