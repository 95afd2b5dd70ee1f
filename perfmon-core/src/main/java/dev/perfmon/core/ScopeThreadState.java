package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

/**
 * What one thread knows about one {@link PerfMon}'s scopes: the scope bound to it now, and a
 * closed scope kept for reuse so that steady-state open/close allocates nothing.
 */
final class ScopeThreadState {
    @Nullable RequestScope current;
    @Nullable RequestScope spare;
    /** The scope this thread is closing, so findings its hooks publish can be noted on it. */
    @Nullable RequestScope closing;
    /** Normal requests closed on this thread since the last steady sample. */
    int sinceSample;
}
