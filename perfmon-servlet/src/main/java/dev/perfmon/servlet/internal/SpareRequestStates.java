package dev.perfmon.servlet.internal;

import org.jspecify.annotations.Nullable;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

    /** {@code Thread.isVirtual()} on JDK 21+, null before. */
    private static final @Nullable MethodHandle IS_VIRTUAL = isVirtual();
    private static final ThreadLocal<WeakReference<RequestState>> SPARES = new ThreadLocal<>();

    private SpareRequestStates() {
    }

    /** @return this thread's spare state, now in use, or null (none, or a virtual thread) */
    static @Nullable RequestState take() {
        if (onVirtualThread()) {
            return null;
        }
        WeakReference<RequestState> spare = SPARES.get();
        RequestState state = spare == null ? null : spare.get();
        // Still in use otherwise: the request it serves encloses this one, or went async.
        return state != null && state.isReleased() ? state : null;
    }

    /** Keeps a completed state for this thread's next request, if it may be recycled at all. */
    static void giveBack(RequestState state) {
        if (!state.recyclable() || onVirtualThread()) {
            return;
        }
        state.release();
        WeakReference<RequestState> spare = SPARES.get();
        if (spare == null || spare.get() != state) {
            SPARES.set(new WeakReference<>(state)); // the first request of the thread, or after a collection
        }
    }

    private static boolean onVirtualThread() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            // A constant handle: the JIT inlines the call.
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable unexpected) {
            return true; // never recycle on a thread we cannot classify
        }
    }

    private static @Nullable MethodHandle isVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException beforeJdk21) {
            return null;
        }
    }
}
