package dev.perfmon.servlet.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * The request the application sees during an async re-dispatch of a timed request, so that a
 * nested {@code startAsync} and {@code AsyncContext.start} keep carrying the request's scope.
 */
final class AsyncDispatchRequest extends HttpServletRequestWrapper {

    private final RequestState state;

    AsyncDispatchRequest(HttpServletRequest request, RequestState state) {
        super(request);
        this.state = state;
    }

    @Override
    public AsyncContext startAsync() {
        return state.asyncStarted(super.startAsync());
    }

    @Override
    public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
        return state.asyncStarted(super.startAsync(servletRequest, servletResponse));
    }

    @Override
    public @Nullable AsyncContext getAsyncContext() {
        AsyncContext context = super.getAsyncContext();
        return context == null ? null : state.asyncStarted(context);
    }
}
