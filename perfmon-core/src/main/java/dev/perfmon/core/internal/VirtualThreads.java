package dev.perfmon.core.internal;

import org.jspecify.annotations.Nullable;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Whether the current thread is virtual, on the Java 17 perfmon compiles for. State recycled per
 * platform thread is not kept on a virtual thread: each runs one request, so a thread-local entry
 * would cost more than the state it saves.
 */
public final class VirtualThreads {

    /** {@code Thread.isVirtual()} on JDK 21+, null before. */
    private static final @Nullable MethodHandle IS_VIRTUAL = isVirtual();

    private VirtualThreads() {
    }

    /** @return whether the current thread is virtual; true when it cannot be told, so nothing is recycled on it */
    public static boolean current() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            // A constant handle: the JIT inlines the call.
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable unexpected) {
            return true;
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
