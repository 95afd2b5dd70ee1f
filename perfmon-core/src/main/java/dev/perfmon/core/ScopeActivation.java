package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

/**
 * Binds a scope to the current thread until closed, then restores whatever was bound before.
 * Use it when work for a request runs on a thread that did not open the scope:
 *
 * <pre>{@code
 * try (ScopeActivation ignored = scope.activate()) {
 *     repository.load(id);   // its SQL time counts for the request
 * }
 * }</pre>
 *
 * Close it on the thread that activated it.
 */
public final class ScopeActivation implements AutoCloseable {

    private final ScopeThreadState state;
    private final @Nullable RequestScope previous;
    private boolean closed;

    ScopeActivation(ScopeThreadState state, @Nullable RequestScope previous) {
        this.state = state;
        this.previous = previous;
    }

    /** Restores the previously bound scope; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            state.current = previous;
        }
    }
}
