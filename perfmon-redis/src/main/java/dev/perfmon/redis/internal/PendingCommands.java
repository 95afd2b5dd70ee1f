package dev.perfmon.redis.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Bounds the cache's commands that await a reply with nobody blocked on them: asynchronous
 * commands (a permit from dispatch until Lettuce completes them) and synchronous ones the cache
 * stopped waiting for after its timeout (a permit from the timeout until Lettuce completes them).
 * A command that timed out is still queued in Lettuce (buffered while disconnected, or behind a
 * stalled server), and it is exactly those that must not pile up. Synchronous commands that are
 * being waited for need no permit (the waiting threads bound them), so the synchronous fast path
 * only reads the count (so the bound may be passed by at most the number of callers timing out
 * at the same moment). Once the bound is reached, further commands fail at once (cause
 * {@code rejected}) instead of queueing: a natural breaker while Redis hangs.
 *
 * <p>Doubles as the completion callback that returns a permit late.
 */
public final class PendingCommands implements BiConsumer<Object, Throwable> {

    private final AtomicInteger pending = new AtomicInteger();
    private final int max;

    public PendingCommands(int max) {
        this.max = max;
    }

    /** @return whether a permit was taken */
    public boolean tryAcquire() {
        AtomicInteger counter = pending;
        int current;
        do {
            current = counter.get();
            if (current >= max) {
                return false;
            }
        } while (!counter.weakCompareAndSetVolatile(current, current + 1));
        return true;
    }

    /** @return whether a command may be sent now (the synchronous path: no permit is taken) */
    public boolean hasRoom() {
        return pending.get() < max;
    }

    /** Takes a permit for a command the caller stops waiting for; returned when it completes. */
    public void abandon(java.util.concurrent.CompletionStage<?> command) {
        pending.incrementAndGet();
        command.whenComplete(this);
    }

    /** Returns a permit. */
    public void release() {
        pending.decrementAndGet();
    }

    /** Returns a permit when a command that the cache stopped waiting for finally completes. */
    @Override
    public void accept(Object ignored, Throwable failure) {
        release();
    }

    /** @return commands awaiting a reply now */
    public int pending() {
        return pending.get();
    }
}
