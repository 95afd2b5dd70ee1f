package dev.perfmon.servlet.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeActivation;
import dev.perfmon.servlet.HttpMetricsConfig;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What {@link dev.perfmon.servlet.PerfMonFilter} does: opens the request's scope and in-flight
 * sample, runs the chain, and on completion (at once, or when an async request completes)
 * resolves the final route, records {@code http.server.requests} and closes the scope so the
 * breakdown is published under the final route. Every step of perfmon's own is guarded: a
 * failure is counted and the request proceeds; the application's exceptions are rethrown as
 * they are.
 */
public final class FilterEngine {

    /** Request attribute under which an asynchronous request's state is found on re-dispatch. */
    public static final String STATE_ATTRIBUTE = "dev.perfmon.servlet.internal.RequestState";
    /** Meter names. */
    public static final String REQUESTS = "http.server.requests";
    public static final String ACTIVE = "http.server.requests.active";
    public static final String STREAMS = "perfmon.http.server.streams";
    public static final String STREAMS_ACTIVE = "perfmon.http.server.streams.active";

    private static final String FAILURE = "servlet.filter";

    private final PerfMon perfMon;
    private final RouteChain routes;
    private final RequestTimers requests;
    private final RequestTimers streams;
    private final ActiveTimers active;
    private final ActiveTimers streamsActive;
    private final ExceptionTags exceptions;
    private final Predicate<HttpServletRequest> exclude;
    private final Predicate<HttpServletRequest> longLived;
    private final Predicate<HttpServletRequest> serverTiming;
    private final boolean serverTimingEnabled;
    private final boolean detectEventStreams;
    private final RouteEntries entries = new RouteEntries();
    private final ContributedTags contributed;

    public FilterEngine(PerfMon perfMon, HttpMetricsConfig config) {
        this.perfMon = perfMon;
        this.routes = new RouteChain(perfMon, config.routeResolvers());
        Duration[] slos = slos(config, perfMon);
        this.contributed = new ContributedTags(perfMon, config.tagContributors());
        this.requests = new RequestTimers(perfMon, REQUESTS, "Duration of HTTP server request handling", slos,
                config.percentileHistogram(), config.minimumExpectedValue(), config.maximumExpectedValue(),
                config.zeroStatuses(), contributed);
        this.streams = new RequestTimers(perfMon, STREAMS, "Duration of long-lived (streaming) HTTP requests", slos,
                false, config.minimumExpectedValue(), config.maximumExpectedValue(), new int[0], contributed);
        this.active = new ActiveTimers(perfMon, ACTIVE, "HTTP server requests in flight");
        this.streamsActive = new ActiveTimers(perfMon, STREAMS_ACTIVE, "Long-lived (streaming) HTTP requests in flight");
        this.exceptions = new ExceptionTags(perfMon.newTagValueGuard());
        this.exclude = config.exclude();
        this.longLived = config.longLived();
        this.serverTiming = config.serverTiming();
        this.serverTimingEnabled = config.serverTimingEnabled();
        this.detectEventStreams = config.detectEventStreams();
        for (String declared : config.declaredRoutes()) {
            int space = declared.indexOf(' ');
            MethodTag method = MethodTag.of(declared.substring(0, space));
            requests.route(entries.of(method, PathTemplates.normalize(declared.substring(space + 1).trim())).scopeName)
                    .initialise(method);
        }
    }

    private static Duration[] slos(HttpMetricsConfig config, PerfMon perfMon) {
        TreeSet<Duration> set = new TreeSet<>(config.sloBuckets());
        set.add(perfMon.config().latencySlo());
        return set.toArray(new Duration[0]);
    }

    /** @return the perfmon instance */
    public PerfMon perfMon() {
        return perfMon;
    }

    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        DispatcherType type = request.getDispatcherType();
        if (type == DispatcherType.REQUEST) {
            timeRequest(request, response, chain);
        } else if (type == DispatcherType.ASYNC) {
            asyncDispatch(request, response, chain);
        } else {
            // FORWARD, INCLUDE, ERROR: part of a request already timed; never counted twice.
            chain.doFilter(req, res);
        }
    }

    /** Records a failure inside perfmon's request handling; never thrown to the application. */
    void recordFailure(Throwable failure) {
        perfMon.recordFailure(FAILURE, failure);
    }

    private void timeRequest(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestState state = start(request, response);
        if (state == null) {
            chain.doFilter(request, response);
            return;
        }
        Throwable escaped = null;
        try {
            chain.doFilter(state, state.timingResponse != null ? state.timingResponse : response);
        } catch (Throwable failure) {
            escaped = failure;
            throw failure;
        } finally {
            end(state, escaped);
            SpareRequestStates.giveBack(state); // only a state that completed here, never an async one
        }
    }

    /** @return the state of a request to time, or null to let it pass untimed */
    private @Nullable RequestState start(HttpServletRequest request, HttpServletResponse response) {
        LongTaskTimer.Sample sample = null;
        try {
            RequestState enclosing = RequestState.findWrapped(request);
            if (enclosing != null && enclosing.belongsTo(this)) {
                return null; // the same filter registered twice in one chain
            }
            if (exclude.test(request)) {
                return null;
            }
            MethodTag method = MethodTag.of(request.getMethod());
            boolean streaming = longLived.test(request);
            RequestState state = SpareRequestStates.take();
            if (state == null) {
                state = new RequestState(this, request, response, method, streaming);
            } else {
                state.reset(this, request, response, method, streaming);
                state.fromSpare = true;
            }
            routes.resolveEarly(request, state); // a route already known, else UNKNOWN: never a raw path
            // The scope is internal: until a framework names the route it carries the templated
            // path, so what it records mid-request (pool holds, waits) names a likely route, not UNKNOWN.
            // One lookup: the entry carries the scope name and, for a known or likely route, its meters.
            RouteEntry opening;
            RouteEntry activeEntry;
            if (state.earlyIndex >= 0) {
                opening = entries.of(method, state.earlyRoute);
                activeEntry = opening;
            } else {
                opening = entries.of(method, PathTemplates.template(RouteResolvers.pathWithinApplication(request)));
                state.opening = opening;
                activeEntry = entries.likely(opening);
            }
            sample = activeTimer(activeEntry, streaming).start();
            state.startActive(sample, activeEntry);
            if (serverTimingEnabled && wantsServerTiming(request)) {
                state.timingResponse = new ServerTimingResponse(response, state);
            }
            state.scope(perfMon.openScope(opening.scopeName));
            return state;
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(FAILURE, failure);
            if (sample != null) {
                sample.stop();
            }
            return null;
        }
    }

    private boolean wantsServerTiming(HttpServletRequest request) {
        try {
            return serverTiming.test(request);
        } catch (RuntimeException failure) {
            perfMon.recordFailure("servlet.server-timing", failure);
            return false;
        }
    }

    /** After the container's dispatch: completes a synchronous request, or hands an async one to its listener. */
    private void end(RequestState state, @Nullable Throwable escaped) {
        try {
            if (state.listening || state.request.isAsyncStarted()) {
                if (escaped != null && state.failure == null) {
                    state.failure = escaped;
                }
                if (!state.listening) {
                    // Started on the container's own request object, past our wrapper.
                    AsyncContext context = state.request.getAsyncContext();
                    state.asyncStarted(context);
                }
                // The container thread goes back to its pool; the scope stays open until completion.
                RequestScope scope = state.scope();
                if (scope != null && !scope.detach() && scope.isOpen()) {
                    // Something bound over the scope on this thread that is not its own inner scope
                    // (an activation the application left open): say so once, counted.
                    perfMon.recordFailure(FAILURE, new IllegalStateException(
                            "the request scope of an async request was not bound to its container thread at dispatch end"));
                }
                return;
            }
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(FAILURE, failure);
        }
        complete(state, escaped);
    }

    private void asyncDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestState state = RequestState.find(request);
        if (state == null || !state.belongsTo(this) || state.isDone()) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest passed = request instanceof RequestState ? request : new AsyncDispatchRequest(request, state);
        HttpServletResponse passedResponse = response;
        if (state.timingResponse != null && !(response instanceof ServerTimingResponse)) {
            passedResponse = new ServerTimingResponse(response, state);
        }
        RequestScope scope = state.scope();
        ScopeActivation activation = scope != null && scope.isOpen() ? scope.activate() : null;
        try {
            chain.doFilter(passed, passedResponse);
        } catch (Throwable failure) {
            if (state.failure == null) {
                state.failure = failure;
            }
            throw failure;
        } finally {
            if (activation != null) {
                activation.close();
            }
            try {
                if (!request.isAsyncStarted()) {
                    state.beforeCommit(); // the container completes the response when this dispatch returns
                }
            } catch (RuntimeException failure) {
                perfMon.recordFailure(FAILURE, failure);
            }
        }
    }

    /**
     * Records the request and closes its scope, once; called by the filter for a synchronous
     * request and by the async listener otherwise.
     *
     * @param escaped what escaped the filter chain, or null
     */
    void complete(RequestState state, @Nullable Throwable escaped) {
        if (!state.tryComplete()) {
            return;
        }
        String route = null;
        Timer timer = null;
        int status = 0;
        Throwable outcome = null;
        try {
            outcome = escaped != null ? escaped : state.failure;
            if (outcome != null) {
                outcome = ExceptionTags.unwrap(outcome);
                status = ClientAborts.isClientAbort(outcome) ? StatusTags.CLIENT_CLOSED : 500;
            } else {
                status = state.response.getStatus();
                Object handled = state.request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
                if (handled instanceof Throwable) {
                    outcome = ExceptionTags.unwrap((Throwable) handled);
                }
            }
            state.beforeCommit();
            String resolved = routes.resolveFinal(state.request, status, state);
            boolean streaming = state.longLived || (detectEventStreams && isEventStream(state.response.getContentType()));
            RouteEntry entry = entryOf(state.method, state.activeEntry, resolved);
            RequestTimers.RouteTimers timers = streaming
                    ? streams.route(entry.scopeName, state.templatedRoute)
                    : requests.route(entry, state.templatedRoute);
            route = timers.route();
            timer = timers.timer(state.method, StatusTags.canonical(status), exceptions.of(outcome),
                    contributed.values(state.request, state.response));
        } catch (RuntimeException | LinkageError failure) {
            perfMon.recordFailure(FAILURE, failure);
        } finally {
            long duration = closeScope(state, route, status, outcome);
            try {
                if (timer != null && duration >= 0) {
                    timer.record(duration, TimeUnit.NANOSECONDS);
                }
            } catch (RuntimeException failure) {
                perfMon.recordFailure(FAILURE, failure);
            }
            LongTaskTimer.Sample sample = state.takeActive();
            if (sample != null) {
                try {
                    sample.stop();
                } catch (RuntimeException failure) {
                    perfMon.recordFailure(FAILURE, failure);
                }
            }
        }
    }

    /**
     * Names the scope's final route, as the route guard admitted it, and closes it (publishing the
     * breakdown under that route; with no admitted route, after a failure, under the early one).
     * The request's duration is the scope's: it opened when the request started and its
     * duration is fixed when it closes, so the clock is read once at each end rather than twice.
     *
     * @return the request's duration in nanoseconds, or -1 without a scope
     */
    private long closeScope(RequestState state, @Nullable String route, int status, @Nullable Throwable outcome) {
        RequestScope scope = state.takeScope();
        if (scope == null) {
            return -1;
        }
        try {
            scope.route(route != null ? route : entries.of(state.method, state.earlyRoute).scopeName);
            scope.outcome(status, outcome);
        } catch (RuntimeException failure) {
            perfMon.recordFailure(FAILURE, failure);
        }
        try {
            scope.close();
        } catch (RuntimeException failure) {
            perfMon.recordFailure(FAILURE, failure);
        }
        // Read at once: core may reuse a closed scope, but only for the next scope this thread opens.
        return scope.elapsedNanos();
    }

    /**
     * @param current the entry the request's in-flight sample is under, or null
     * @return the entry of the request's method and {@code route}: {@code current} when that is
     *     the route (no lookup), else the one looked up
     */
    private RouteEntry entryOf(MethodTag method, @Nullable RouteEntry current, String route) {
        return current != null && current.is(route) ? current : entries.of(method, route);
    }

    /** @return the in-flight timer of the entry's route: cached on the entry for ordinary requests */
    private LongTaskTimer activeTimer(RouteEntry entry, boolean streaming) {
        return streaming ? streamsActive.timer(entry.route, entry.method) : active.timer(entry);
    }

    /**
     * Renames the open scope to the route the application or its framework just named, and
     * moves the request's in-flight sample there, so a per-route in-flight panel sees it while it
     * runs, and remembers that route for the request's templated path, so the next request of
     * that shape starts under it. The
     * sample under the new route starts now; the one it started under ({@code UNKNOWN}, or a
     * route its path was named with before) stops. A request that completes meanwhile keeps neither.
     */
    void routeNamed(RequestState state, String route) {
        RouteEntry current = state.activeEntry;
        RouteEntry entry = entryOf(state.method, current, route);
        RequestScope open = state.scope();
        if (open != null && open.isOpen()) {
            open.route(entry.scopeName);
        }
        LongTaskTimer.Sample previous = state.active();
        if (previous == null || entry == current) {
            return; // already there: started under the route (known, or remembered for its path shape)
        }
        RouteEntry opening = state.opening;
        if (opening != null) {
            entries.named(opening, entry);
        }
        LongTaskTimer.Sample next = activeTimer(entry, state.longLived).start();
        if (state.swapActive(previous, next, entry)) {
            previous.stop();
        } else {
            next.stop();
        }
    }

    /** Writes the Server-Timing header of a request now, if the response is not committed yet. */
    void writeServerTiming(RequestState state) {
        try {
            if (state.response.isCommitted() || !state.markHeaderWritten()) {
                return;
            }
            RequestScope scope = state.scope();
            String value = ServerTimingHeader.format(scope, scope == null ? 0 : scope.elapsedNanos());
            state.response.setHeader(ServerTimingHeader.NAME, value);
        } catch (RuntimeException failure) {
            perfMon.recordFailure("servlet.server-timing", failure);
        }
    }

    private static boolean isEventStream(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
    }
}
