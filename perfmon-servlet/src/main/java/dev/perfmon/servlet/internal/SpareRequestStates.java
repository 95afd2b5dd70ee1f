package dev.perfmon.servlet.internal;

import dev.perfmon.core.internal.VirtualThreads;
import org.jspecify.annotations.Nullable;

import java.lang.ref.WeakReference;

/**
 * One completed synchronous {@link RequestState} per platform thread, kept for that thread's
 * next request so a steady-state request allocates no state of its own. Virtual threads keep
 * none: each request runs on a fresh one, so a thread-local entry would cost more than the
 * state it saves.
 *
 * <p>Container threads outlive a web application, so the thread-local holds only a JDK type: a
 * {@link WeakReference} to the spare. An undeployed application's classes are never kept alive
 * by it, and after a garbage collection the next request of the thread allocates its state and
 * the reference once more (about 100 B per thread per collection).
 */
final class SpareRequestStates {

    private static final ThreadLocal<WeakReference<RequestState>> SPARES = new ThreadLocal<>();

    private SpareRequestStates() {
    }

    /** @return this thread's spare state, now in use, or null (none, or a virtual thread) */
    static @Nullable RequestState take() {
        if (VirtualThreads.current()) {
            return null;
        }
        WeakReference<RequestState> spare = SPARES.get();
        RequestState state = spare == null ? null : spare.get();
        // Still in use otherwise: the request it serves encloses this one, or went async.
        return state != null && state.isReleased() ? state : null;
    }

    /** Keeps a completed state for this thread's next request, if it may be recycled at all. */
    static void giveBack(RequestState state) {
        if (!state.recyclable() || VirtualThreads.current()) {
            return;
        }
        state.release();
        if (state.fromSpare) {
            return; // the thread's spare already: held strongly while it served, so its reference was not cleared
        }
        WeakReference<RequestState> spare = SPARES.get();
        if (spare == null || spare.get() != state) {
            SPARES.set(new WeakReference<>(state)); // the first request of the thread, or after a collection
        }
    }
}
