package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * What one thread knows about one {@link PerfMon}'s scopes: the scope bound to it now, and a
 * closed scope kept for reuse so that steady-state open/close allocates nothing.
 */
final class ScopeThreadState {

    /*
     * The spare is written by its thread with release stores and read by a prune once the thread
     * ended (or was collected) with a volatile read, so the scope's state as its thread left it is
     * what the next thread gets; on the owner's own path both are plain moves on x86.
     */
    private static final AtomicReferenceFieldUpdater<ScopeThreadState, RequestScope> SPARE =
            AtomicReferenceFieldUpdater.newUpdater(ScopeThreadState.class, RequestScope.class, "spare");

    @Nullable RequestScope current;
    private volatile @Nullable RequestScope spare;
    /** The scope this thread is closing, so findings its hooks publish can be noted on it. */
    @Nullable RequestScope closing;
    /** Normal requests closed on this thread since the last steady sample. */
    int sinceSample;

    /** @return the kept scope, now no longer kept, or null (the owning thread, or a prune once it ended) */
    @Nullable RequestScope takeSpare() {
        RequestScope kept = spare;
        if (kept != null) {
            SPARE.lazySet(this, null);
        }
        return kept;
    }

    /** Keeps a closed scope for this thread's next one (the owning thread). */
    void keepSpare(RequestScope scope) {
        SPARE.lazySet(this, scope);
    }
}
