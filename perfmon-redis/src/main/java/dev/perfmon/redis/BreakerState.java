package dev.perfmon.redis;

/**
 * The state of a {@link RedisCircuitBreaker}, as its gauge {@code perfmon.redis.breaker.state}
 * reports it ({@link #code()}).
 */
public enum BreakerState {
    /** Commands are sent; consecutive timeouts and connection failures are counted. 0. */
    CLOSED(0),
    /** Commands fail fast (cause {@code breaker}) and the cache's {@link FailureMode} applies. 1. */
    OPEN(1),
    /** One probe command is sent; the others fail fast until it answers (closed) or fails (open). 2. */
    HALF_OPEN(2);

    private final int code;

    BreakerState(int code) {
        this.code = code;
    }

    /** @return the gauge value: 0 closed, 1 open, 2 half-open */
    public int code() {
        return code;
    }

    /** @return the lower-case name used in events and logs ({@code half-open}) */
    public String label() {
        return this == HALF_OPEN ? "half-open" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
