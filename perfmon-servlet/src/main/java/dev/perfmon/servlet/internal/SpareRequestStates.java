package dev.perfmon.servlet.internal;

import org.jspecify.annotations.Nullable;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * One completed synchronous {@link RequestState} per platform thread, kept for that thread's
 * next request so a steady-state request allocates no state of its own. Virtual threads keep
 * none: each request runs on a fresh one, so a thread-local entry would cost more than the
 * state it saves. A spare holds no request, response or scope; at most the filter it last
 * served, replaced by the next request of its thread.
 */
final class SpareRequestStates {

    /** {@code Thread.isVirtual()} on JDK 21+, null before. */
    private static final @Nullable MethodHandle IS_VIRTUAL = isVirtual();
    private static final ThreadLocal<Slot> SLOTS = ThreadLocal.withInitial(Slot::new);

    private SpareRequestStates() {
    }

    /** A thread's spare; a mutable holder so taking and returning it is one lookup each. */
    private static final class Slot {
        @Nullable RequestState spare;
    }

    /** @return this thread's spare state, now in use, or null (none, or a virtual thread) */
    static @Nullable RequestState take() {
        if (onVirtualThread()) {
            return null;
        }
        Slot slot = SLOTS.get();
        RequestState spare = slot.spare;
        slot.spare = null;
        return spare;
    }

    /** Keeps a completed state for this thread's next request, if it may be recycled at all. */
    static void giveBack(RequestState state) {
        if (!state.recyclable() || onVirtualThread()) {
            return;
        }
        state.release();
        SLOTS.get().spare = state;
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
