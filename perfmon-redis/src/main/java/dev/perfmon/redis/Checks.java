package dev.perfmon.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks the builders and the three cache views share, so that one setting is
 * rejected with the same message wherever it is given: the setting's name and its value.
 */
final class Checks {

    /** Why {@code put} takes no {@code null} value. */
    static final String NULL_VALUE = "value (use invalidate to remove a key)";

    private Checks() {
    }

    /** @return {@code value}, if above zero */
    static Duration positive(String setting, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
        return value;
    }

    /** @return {@code value}, if at least 1 */
    static int atLeastOne(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, was " + value);
        }
        return value;
    }

    /** @return the TTL in milliseconds, if at least 1 ms */
    static long ttlMillis(String setting, Duration ttl) {
        Objects.requireNonNull(ttl, setting);
        long millis = ttl.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1 ms, was " + ttl);
        }
        return millis;
    }
}
