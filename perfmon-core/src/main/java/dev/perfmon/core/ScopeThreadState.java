package dev.perfmon.core;

/**
 * What one thread knows about one {@link PerfMon}'s scopes: the scope bound to it now, and a
 * closed scope kept for reuse so that steady-state open/close allocates nothing.
 */
final class ScopeThreadState {
    RequestScope current;
    RequestScope spare;
}
