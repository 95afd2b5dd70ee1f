package dev.perfmon.servlet.internal;

import dev.perfmon.core.RouteName;
import io.micrometer.core.instrument.LongTaskTimer;
import org.jspecify.annotations.Nullable;

/**
 * One method and route ({@code GET /posts/{id}}), or one method and templated path a request
 * opens under, as the filter meets it: its scope name, and what the filter would otherwise look
 * up by that key on every request. Found once per request (or not at all when the request's
 * in-flight entry already names its final route) and kept on the {@link RequestState}, so the
 * way out, on whichever thread completes the request, needs no lookup by route.
 *
 * <p>Meters are cached here only once their route kept its own series: a route the guard folds
 * is asked of the guard per request exactly as before, so folding is decided in one place. The
 * fields are volatile so an entry filled on one request thread is seen whole by the next.
 */
final class RouteEntry {

    final MethodTag method;
    /** The route or templated path, as resolvers and templating spell it. */
    final String route;
    /** Method and route as one string, the scope's name ({@link RouteName#of}). */
    final String scopeName;
    /** The {@code http.server.requests.active} timer, once the route is kept under its own uri. */
    volatile @Nullable LongTaskTimer active;
    /** The {@code http.server.requests} timers, once the route is kept under its own spelling. */
    volatile RequestTimers.@Nullable RouteTimers timers;
    /** For a templated path: the route a framework last named for requests of this shape. */
    volatile @Nullable RouteEntry likely;

    RouteEntry(MethodTag method, String route) {
        this.method = method;
        this.route = route;
        this.scopeName = RouteName.of(method.name(), route);
    }

    /** @return whether this entry is for {@code other}, a route of the same method */
    boolean is(String other) {
        return route.equals(other);
    }
}
