package dev.perfmon.redis.internal;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeActivation;

/**
 * Keeps a scope from being recycled while a Redis reply may still record into it from another
 * thread. Scopes that never left their thread are reused by the next scope that thread opens; a
 * reply arriving after close must then not land in the next request. Activating the scope marks
 * it as escaped (so it is never recycled, and a late contribution to it is ignored because it
 * is closed); the activation is undone at once, leaving the thread's binding as it was.
 */
public final class ScopeRetention {

    private ScopeRetention() {
    }

    /** @return {@code scope}, now safe to record into from any thread at any time */
    public static RequestScope retain(RequestScope scope) {
        if (scope != null) {
            ScopeActivation activation = scope.activate();
            activation.close();
        }
        return scope;
    }
}
