package dev.perfmon.redis.internal;

import org.jspecify.annotations.Nullable;

/**
 * What trying the cross-instance load lock ended with: the lock is held ({@link #token}), another
 * instance's value appeared while waiting ({@link #value}), or neither, and the caller loads
 * without the lock ({@link #UNLOCKED}: lock disabled, Redis failing, or the wait timed out).
 */
public final class LockOutcome {

    /** Load without holding the lock. */
    public static final LockOutcome UNLOCKED = new LockOutcome(null, null);

    final byte @Nullable [] token;
    final byte @Nullable [] value;

    LockOutcome(byte @Nullable [] token, byte @Nullable [] value) {
        this.token = token;
        this.value = value;
    }

    /** @return the stored bytes another instance wrote while we waited, or {@code null} */
    public byte @Nullable [] value() {
        return value;
    }
}
