package dev.perfmon.jdbc.internal;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeKey;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether N+1 analysis is paused in a scope: a pause depth attached to the scope, shared by
 * every {@code PerfMonDataSource}. Until the first pause anywhere, checking costs a volatile
 * read (the flag is only a shortcut, not state: it never makes one instance affect another's
 * results).
 */
public final class PauseState {

    private static final ScopeKey<AtomicInteger> KEY = ScopeKey.of("perfmon.jdbc.nplusone.pause", AtomicInteger::new);
    private static volatile boolean everPaused;

    private PauseState() {
    }

    /**
     * Pauses analysis in the scope.
     *
     * @return the depth counter to hand back to {@link #resume(AtomicInteger)}; it belongs to
     *     this scope only, so a late resume can never touch a recycled scope
     */
    public static AtomicInteger pause(RequestScope scope) {
        everPaused = true;
        AtomicInteger depth = scope.attachment(KEY);
        depth.incrementAndGet();
        return depth;
    }

    /** Undoes one {@link #pause(RequestScope)}. */
    public static void resume(AtomicInteger depth) {
        depth.updateAndGet(d -> d > 0 ? d - 1 : 0);
    }

    /** @return whether analysis is paused in the scope */
    public static boolean isPaused(RequestScope scope) {
        if (!everPaused) {
            return false;
        }
        AtomicInteger depth = scope.attachmentIfPresent(KEY);
        return depth != null && depth.get() > 0;
    }
}
