package dev.perfmon.core;

/**
 * What one thread knows about one {@link PerfMon}'s scopes: the scope bound to it now, and a
 * closed scope kept for reuse so that steady-state open/close allocates nothing.
 */
final class ScopeThreadState {
    RequestScope current;
    RequestScope spare;
    /** The scope this thread is closing, so findings its hooks publish can be noted on it. */
    RequestScope closing;
    /** Normal requests closed on this thread since the last steady sample. */
    int sinceSample;
}
