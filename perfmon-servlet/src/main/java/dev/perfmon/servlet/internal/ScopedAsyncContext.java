package dev.perfmon.servlet.internal;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeActivation;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * The {@link AsyncContext} the application sees for a timed request: {@link #start(Runnable)}
 * runs the task with the request's scope bound to the container thread, and {@link #complete()}
 * adds the {@code Server-Timing} header (when enabled) before the response is completed.
 * Everything else is delegated.
 */
final class ScopedAsyncContext implements AsyncContext {

    final AsyncContext delegate;
    private final RequestState state;

    ScopedAsyncContext(AsyncContext delegate, RequestState state) {
        this.delegate = delegate;
        this.state = state;
    }

    @Override
    public void start(Runnable task) {
        delegate.start(() -> {
            RequestScope scope = state.scope();
            if (scope == null || !scope.isOpen()) {
                task.run();
                return;
            }
            try (ScopeActivation ignored = scope.activate()) {
                task.run();
            }
        });
    }

    @Override
    public void complete() {
        state.beforeCommit();
        delegate.complete();
    }

    @Override
    public ServletRequest getRequest() {
        return delegate.getRequest();
    }

    @Override
    public ServletResponse getResponse() {
        return delegate.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return delegate.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
        delegate.dispatch();
    }

    @Override
    public void dispatch(String path) {
        delegate.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        delegate.dispatch(context, path);
    }

    @Override
    public void addListener(AsyncListener listener) {
        delegate.addListener(listener);
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        delegate.addListener(listener, request, response);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
        return delegate.createListener(type);
    }

    @Override
    public void setTimeout(long timeout) {
        delegate.setTimeout(timeout);
    }

    @Override
    public long getTimeout() {
        return delegate.getTimeout();
    }
}
