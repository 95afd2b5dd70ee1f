package dev.perfmon.redis.internal;


import org.jspecify.annotations.Nullable;

import java.util.concurrent.CompletableFuture;

/** {@code FAIL_OPEN}: every operation goes on without Redis (a load is served uncached). */
final class FailOpen implements FailurePolicy {

    static final FailOpen INSTANCE = new FailOpen();

    private FailOpen() {
    }

    @Override
    public <T> @Nullable T fallback(RedisFailure failure, @Nullable T answer) {
        return answer;
    }

    @Override
    public boolean refuse(RedisFailure failure, CompletableFuture<?> out) {
        return false;
    }
}
