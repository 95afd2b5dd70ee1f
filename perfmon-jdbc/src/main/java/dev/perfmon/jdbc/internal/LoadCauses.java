package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

/**
 * Hands a {@link LoadCause} from an ORM event listener to the statement it causes, on the same
 * thread. Pure JDK, so the JDBC decorator can read it without loading any ORM class; until an
 * integration {@linkplain #install() installs} itself, reading costs one volatile read.
 */
public final class LoadCauses {

    private static final ThreadLocal<LoadCause> PENDING = new ThreadLocal<>();
    private static volatile boolean installed;

    private LoadCauses() {
    }

    /** Called by an ORM integration when it registers its listeners. */
    public static void install() {
        installed = true;
    }

    /** @param cause the cause of the next statement on this thread */
    public static void set(@Nullable LoadCause cause) {
        PENDING.set(cause);
    }

    /** Forgets the pending cause (the load finished, with or without a statement). */
    public static void clear() {
        if (installed && PENDING.get() != null) {
            PENDING.set(null);
        }
    }

    /** @return the pending cause, which is then forgotten, or {@code null} */
    public static @Nullable LoadCause take() {
        if (!installed) {
            return null;
        }
        LoadCause cause = PENDING.get();
        if (cause != null) {
            PENDING.set(null);
        }
        return cause;
    }

    /** @return the pending cause without consuming it, or {@code null} */
    public static @Nullable LoadCause peek() {
        return installed ? PENDING.get() : null;
    }
}
