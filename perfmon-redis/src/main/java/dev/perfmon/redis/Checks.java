package dev.perfmon.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks of perfmon-redis beyond core's {@code Require}, shared by the builders and
 * the three cache views, so one setting is rejected with the same message wherever it is given.
 */
final class Checks {

    /** Why {@code put} takes no {@code null} value. */
    static final String NULL_VALUE = "value (use invalidate to remove a key)";

    private Checks() {
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
