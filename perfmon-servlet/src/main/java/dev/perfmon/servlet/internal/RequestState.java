package dev.perfmon.servlet.internal;

import dev.perfmon.core.RequestScope;
import dev.perfmon.servlet.PerfMonFilter;
import dev.perfmon.servlet.RouteResolver;
import io.micrometer.core.instrument.LongTaskTimer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * Everything the filter knows about one timed request, from start to completion. It is also
 * the request wrapper the application sees (so that {@code startAsync} registers the
 * completion listener at once and {@code AsyncContext.start} carries the scope) and the
 * {@link AsyncListener} itself: one object per request at a time. A synchronous request's state
 * is recycled for the next request of its platform thread ({@link SpareRequestStates}): a servlet
 * request is valid only within {@code doFilter} unless async processing started, and a state
 * that ever went async is never recycled. Between requests it wraps {@link ReleasedRequest},
 * so a reference kept past the request fails loudly instead of reading the next request.
 *
 * <p>Completion happens exactly once, on whichever thread gets there first: the filter for a
 * synchronous request, {@link #onComplete} for an asynchronous one.
 */
public final class RequestState extends HttpServletRequestWrapper implements AsyncListener {

    /*
     * Field updaters rather than VarHandles: the filter's calls run deep in a request's compiled
     * code, where the JIT may stop inlining, and a handle it does not inline costs several
     * type-checking calls per access where an updater costs one.
     */
    private static final AtomicIntegerFieldUpdater<RequestState> DONE =
            AtomicIntegerFieldUpdater.newUpdater(RequestState.class, "done");
    private static final AtomicReferenceFieldUpdater<RequestState, LongTaskTimer.Sample> ACTIVE =
            AtomicReferenceFieldUpdater.newUpdater(RequestState.class, LongTaskTimer.Sample.class, "active");

    // Not final: a recycled state serves the next request of its thread (see reset).
    FilterEngine engine;
    HttpServletRequest request;
    HttpServletResponse response;
    MethodTag method;
    boolean longLived;
    String earlyRoute = RouteResolver.UNKNOWN;
    int earlyIndex;
    /** The scope's opening entry, a templated path, when no route was known at the start; else null. */
    @Nullable RouteEntry opening;
    /** Whether the final route came from the templated path (set when the request completes). */
    boolean templatedRoute;
    /** The in-flight sample, under {@link #activeEntry}; swapped when a route becomes known. */
    private volatile LongTaskTimer.@Nullable Sample active;
    /**
     * The route the in-flight sample is under, with its scope name and meters: the completion
     * finds its route here without a lookup when the final route is this one. Volatile, as the
     * sample is, so the thread that completes an async request sees the entry whole.
     */
    volatile @Nullable RouteEntry activeEntry;
    @Nullable ServerTimingResponse timingResponse;
    private volatile @Nullable RequestScope scope;
    volatile @Nullable Throwable failure;
    volatile boolean listening;
    volatile boolean timedOut;
    private volatile boolean headerWritten;
    private volatile int done;
    private @Nullable ScopedAsyncContext asyncContext;
    /** Taken from this thread's spare ({@link SpareRequestStates#take()}): the thread-local refers to it already. */
    boolean fromSpare;

    RequestState(FilterEngine engine, HttpServletRequest request, HttpServletResponse response, MethodTag method,
                 boolean longLived) {
        super(request);
        reset(engine, request, response, method, longLived);
    }

    /** Makes a state, new or released, the state of a request: every field as a new request needs it. */
    void reset(FilterEngine engine, HttpServletRequest request, HttpServletResponse response, MethodTag method,
               boolean longLived) {
        setRequest(request);
        this.engine = engine;
        this.request = request;
        this.response = response;
        this.method = method;
        this.longLived = longLived;
        earlyRoute = RouteResolver.UNKNOWN;
        earlyIndex = 0;
        opening = null;
        templatedRoute = false;
        active = null;
        activeEntry = null;
        timingResponse = null;
        scope = null;
        failure = null;
        listening = false;
        timedOut = false;
        headerWritten = false;
        asyncContext = null;
        fromSpare = false;
        done = 0;
    }

    /**
     * @return whether this completed state may serve another request: it never went async (an
     *     async context or listener may still reach it), handed out no Server-Timing response
     *     (which refers to it), and nothing it holds is in use
     */
    boolean recyclable() {
        return done != 0 && !listening && asyncContext == null && timingResponse == null && scope == null
                && active == null;
    }

    /** @return whether this state was released and no request has taken it since */
    boolean isReleased() {
        return request == ReleasedRequest.INSTANCE;
    }

    /** Drops the request and response it served, so a spare state keeps neither alive. */
    void release() {
        setRequest(ReleasedRequest.INSTANCE);
        request = ReleasedRequest.INSTANCE;
        response = ReleasedRequest.RESPONSE;
        failure = null;
        scope = null;
    }

    /** @return the open scope of the request, or null once it completed */
    public @Nullable RequestScope scope() {
        return scope;
    }

    void scope(RequestScope scope) {
        this.scope = scope;
    }

    /**
     * Names the request as soon as Spring MVC has matched a handler (before the handler runs)
     * or the application sets perfmon's route attribute: the scope, so in-flight work
     * (connections it holds, Redis calls) is attributed to the route rather than to the name
     * the request started with, and the in-flight meter. perfmon's own attribute keeps priority.
     */
    @Override
    public void setAttribute(String name, Object value) {
        super.setAttribute(name, value);
        if (value instanceof String route) {
            if (PerfMonFilter.ROUTE_ATTRIBUTE.equals(name)
                    || (RouteResolvers.SPRING_MVC_PATTERN.equals(name) && super.getAttribute(PerfMonFilter.ROUTE_ATTRIBUTE) == null)) {
                routeNamed(route);
            }
        }
    }

    /** The application or its framework named the route while the request runs. */
    public void routeNamed(String route) {
        if (done != 0) {
            return;
        }
        try {
            engine.routeNamed(this, PathTemplates.normalize(route));
        } catch (RuntimeException failure) {
            engine.recordFailure(failure);
        }
    }

    void startActive(LongTaskTimer.Sample sample, RouteEntry route) {
        activeEntry = route;
        active = sample;
    }

    /** @return the current in-flight sample, or null */
    LongTaskTimer.@Nullable Sample active() {
        return active;
    }

    /** Replaces the in-flight sample unless the request completed (took it) in between. */
    boolean swapActive(LongTaskTimer.Sample expected, LongTaskTimer.Sample next, RouteEntry route) {
        if (ACTIVE.compareAndSet(this, expected, next)) {
            activeEntry = route;
            return true;
        }
        return false;
    }

    /** @return the in-flight sample, forgetting it: the request completes */
    LongTaskTimer.Sample takeActive() {
        return ACTIVE.getAndSet(this, null);
    }

    /** @return the scope, forgetting it: it is about to be closed (and possibly reused by core) */
    @Nullable RequestScope takeScope() {
        RequestScope taken = scope;
        scope = null;
        return taken;
    }

    /** @return true for the one caller that gets to complete the request */
    boolean tryComplete() {
        return DONE.compareAndSet(this, 0, 1);
    }

    boolean isDone() {
        return done != 0;
    }

    boolean belongsTo(FilterEngine other) {
        return engine == other;
    }

    // ---- Server-Timing -------------------------------------------------------------------

    /** Adds the Server-Timing header now if it is enabled, not yet written and the response not committed. */
    void beforeCommit() {
        if (timingResponse != null && !headerWritten) {
            engine.writeServerTiming(this);
        }
    }

    boolean markHeaderWritten() {
        if (headerWritten) {
            return false;
        }
        headerWritten = true;
        return true;
    }

    void headerCleared() {
        headerWritten = false;
    }

    // ---- async: the wrapper side ---------------------------------------------------------

    @Override
    public AsyncContext startAsync() {
        AsyncContext started = timingResponse != null ? super.startAsync(this, timingResponse) : super.startAsync();
        return asyncStarted(started);
    }

    @Override
    public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
        return asyncStarted(super.startAsync(servletRequest, servletResponse));
    }

    @Override
    public @Nullable AsyncContext getAsyncContext() {
        AsyncContext context = super.getAsyncContext();
        return context == null ? null : scoped(context);
    }

    AsyncContext asyncStarted(AsyncContext started) {
        if (!listening) {
            listening = true;
            started.addListener(this);
            request.setAttribute(FilterEngine.STATE_ATTRIBUTE, this);
        }
        return scoped(started);
    }

    private synchronized AsyncContext scoped(AsyncContext context) {
        ScopedAsyncContext current = asyncContext;
        if (current == null || current.delegate != context) {
            current = new ScopedAsyncContext(context, this);
            asyncContext = current;
        }
        return current;
    }

    // ---- async: the listener side --------------------------------------------------------

    @Override
    public void onComplete(AsyncEvent event) {
        engine.complete(this, null);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        timedOut = true;
    }

    @Override
    public void onError(AsyncEvent event) {
        if (failure == null && event.getThrowable() != null) {
            failure = event.getThrowable();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // A nested startAsync drops the listeners; stay registered for the new cycle.
        AsyncContext context = event.getAsyncContext();
        if (context != null) {
            context.addListener(this);
        }
    }

    /**
     * @param candidate a request as a filter or servlet sees it
     * @return the state of the timed request it belongs to, or null
     */
    public static @Nullable RequestState find(@Nullable ServletRequest candidate) {
        RequestState wrapped = findWrapped(candidate);
        if (wrapped != null) {
            return wrapped;
        }
        Object attribute = candidate == null ? null : candidate.getAttribute(FilterEngine.STATE_ATTRIBUTE);
        return attribute instanceof RequestState ? (RequestState) attribute : null;
    }

    /** @return the state among the request's wrappers, or null; reads no attribute */
    static @Nullable RequestState findWrapped(@Nullable ServletRequest candidate) {
        ServletRequest current = candidate;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (current instanceof RequestState) {
                return (RequestState) current;
            }
            if (!(current instanceof ServletRequestWrapper)) {
                break;
            }
            current = ((ServletRequestWrapper) current).getRequest();
        }
        return null;
    }

    @Override
    public String toString() {
        return "RequestState[" + method + ' ' + earlyRoute + (done != 0 ? ", done]" : "]");
    }
}
