package dev.perfmon.core;

/**
 * Runs when a request scope closes, before its breakdown is published: the place for a
 * module's end-of-scope analysis (the JDBC module looks for N+1 patterns here).
 *
 * <p>The scope's route is final when the hook runs. A hook that throws is counted as an
 * internal failure and does not stop other hooks or the publication.
 */
@FunctionalInterface
public interface ScopeHook {

    /**
     * @param scope the closing scope; valid only for the duration of the call
     */
    void onClose(RequestScope scope);
}
