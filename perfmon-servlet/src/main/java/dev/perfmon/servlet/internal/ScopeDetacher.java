package dev.perfmon.servlet.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Unbinds a request's scope from the container thread without closing it, when the request
 * goes asynchronous: the scope stays open until the request completes, while the thread goes
 * back to the pool and must not carry it into the next request.
 *
 * <p>Core has no "unbind" operation, so this uses what it has: activating a scope binds it and
 * the activation is simply never closed. To leave the thread with whatever was bound before the
 * request (usually nothing), it activates that outer scope, or else a closed placeholder scope
 * whose own predecessor is nothing: core treats a closed binding as absent and clears it lazily.
 */
public final class ScopeDetacher {

    private final RequestScope nothing;

    public ScopeDetacher(PerfMon perfMon) {
        this.nothing = closedPlaceholder(perfMon);
    }

    /**
     * @param outer the scope bound to this thread before the request's scope was opened, or null
     */
    public void restore(RequestScope outer) {
        if (outer != null && outer.isOpen()) {
            outer.activate();
        } else {
            nothing.activate();
        }
    }

    /** Opens and closes a scope on a fresh thread, so its predecessor is nothing and it is never reused. */
    private static RequestScope closedPlaceholder(PerfMon perfMon) {
        AtomicReference<RequestScope> created = new AtomicReference<>();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                RequestScope scope = perfMon.openScope("perfmon.servlet.detached");
                scope.activate().close(); // marks it escaped: never recycled
                scope.close();
                created.set(scope);
            } catch (RuntimeException failure) {
                failed.set(failure);
            }
        }, "perfmon-scope-detacher");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the scope detacher", interrupted);
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        return created.get();
    }
}
