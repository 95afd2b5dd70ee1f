package dev.perfmon.redis.internal;

import dev.perfmon.cache.CacheErrorCause;
import dev.perfmon.core.PerfMon;
import dev.perfmon.redis.BreakerState;
import dev.perfmon.redis.RedisBreakerTransition;
import io.micrometer.core.instrument.Clock;

import java.time.Duration;

/**
 * Opens after {@code threshold} consecutive timeouts or connection failures within
 * {@code windowNanos} (a reply in between starts the count again), fails fast while open, lets
 * one probe through once {@code openNanos} have passed (half-open), and closes when the probe is
 * answered or opens again when it fails. A probe that never reports (it cannot: the gateway
 * reports every acquired command) is presumed lost after another {@code openNanos}, and the next
 * caller probes.
 *
 * <p>The closed path, every command of a healthy Redis, reads two volatile fields and writes
 * nothing. Transitions and failures take this object's lock briefly (events are published
 * outside it); they are rare. Each transition is
 * published as a {@link RedisBreakerTransition} when a listener is registered (nothing is
 * allocated otherwise). Never throws: a clock or listener failure is recorded by the guard.
 */
public final class ConsecutiveFailureBreaker extends Breaker {

    private final PerfMon perfMon;
    private final Clock clock;
    private final Guard guard;
    private final String client;
    private final int threshold;
    private final long windowNanos;
    private final long openNanos;

    private volatile BreakerState state = BreakerState.CLOSED;
    /** Consecutive counted failures while closed; written under the lock, read without it. */
    private volatile int failures;
    /** Guarded by {@code this}. */
    private long firstFailure;
    /** When the breaker opened, or when the current probe was let through; guarded by {@code this}. */
    private long since;

    public ConsecutiveFailureBreaker(PerfMon perfMon, String client, int threshold, Duration window, Duration open) {
        this.perfMon = perfMon;
        this.clock = perfMon.clock();
        this.guard = new Guard(perfMon, clock);
        this.client = client;
        this.threshold = threshold;
        this.windowNanos = window.toNanos();
        this.openNanos = open.toNanos();
    }

    /** @return the current state */
    public BreakerState state() {
        return state;
    }

    @Override
    public boolean tryAcquire() {
        if (state == BreakerState.CLOSED) {
            return true;
        }
        boolean halfOpened;
        synchronized (this) {
            BreakerState current = state;
            if (current == BreakerState.CLOSED) {
                return true;
            }
            long now = now();
            if (now - since < openNanos) {
                return false; // open and waiting, or a probe is out
            }
            since = now;
            halfOpened = current == BreakerState.OPEN;
            state = BreakerState.HALF_OPEN;
        }
        if (halfOpened) {
            publish(BreakerState.OPEN, BreakerState.HALF_OPEN, 0, "none");
        }
        return true; // this caller is the probe (or replaces a probe presumed lost)
    }

    @Override
    public void succeeded() {
        if (state == BreakerState.CLOSED && failures == 0) {
            return;
        }
        boolean closed;
        synchronized (this) {
            failures = 0;
            // Open: a late reply to a command sent before it opened proves little; the probe decides.
            closed = state == BreakerState.HALF_OPEN;
            if (closed) {
                state = BreakerState.CLOSED;
            }
        }
        if (closed) {
            publish(BreakerState.HALF_OPEN, BreakerState.CLOSED, 0, "none");
        }
    }

    @Override
    public void failed(CacheErrorCause cause) {
        if (cause == CacheErrorCause.TIMEOUT || cause == CacheErrorCause.CONNECTION) {
            counted(cause);
        } else if (cause == CacheErrorCause.SERVER) {
            succeeded();
        }
    }

    private void counted(CacheErrorCause cause) {
        BreakerState from;
        int count;
        synchronized (this) {
            from = state;
            long now = now();
            if (from == BreakerState.OPEN) {
                return; // commands sent before it opened, failing late
            }
            if (from == BreakerState.HALF_OPEN) {
                count = 1; // the probe failed
            } else {
                count = failures;
                if (count == 0 || now - firstFailure > windowNanos) {
                    firstFailure = now;
                    count = 0;
                }
                count++;
                if (count < threshold) {
                    failures = count;
                    return;
                }
                failures = 0;
            }
            since = now;
            state = BreakerState.OPEN;
        }
        publish(from, BreakerState.OPEN, count, cause.tag());
    }

    /** Publishes a transition when someone listens; outside the lock, so a slow listener delays no command. */
    private void publish(BreakerState from, BreakerState to, int count, String cause) {
        try {
            if (perfMon.hasListeners()) {
                perfMon.publish(new RedisBreakerTransition(client, from, to, count, cause,
                        to == BreakerState.OPEN ? Duration.ofNanos(openNanos) : Duration.ZERO, perfMon.now()));
            }
        } catch (Throwable failure) {
            guard.failed(failure);
        }
    }

    private long now() {
        long now = guard.now();
        return now == Guard.NO_TIME ? 0L : now;
    }
}
