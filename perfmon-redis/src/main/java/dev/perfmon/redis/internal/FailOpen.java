package dev.perfmon.redis.internal;

import org.jspecify.annotations.Nullable;

/** {@code FAIL_OPEN}: every operation goes on without Redis (a load is served uncached). */
final class FailOpen implements FailurePolicy {

    static final FailOpen INSTANCE = new FailOpen();

    private FailOpen() {
    }

    @Override
    public @Nullable RuntimeException refusal(RedisFailure failure) {
        return null;
    }
}
