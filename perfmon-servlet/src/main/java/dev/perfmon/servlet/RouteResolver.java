package dev.perfmon.servlet;

import dev.perfmon.servlet.internal.RouteResolvers;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * One link of the chain that names a request's route: the {@code uri} tag of
 * {@code http.server.requests} and the route of the request scope. The filter asks each
 * resolver in turn and takes the first non-null answer; what a resolver returns must be a
 * template ({@code /posts/{id}}), never a raw path, because it becomes a tag value. Whatever it
 * returns is normalized (duplicate and trailing slashes removed, empty becomes {@code root})
 * and counted against the {@code uri} cap.
 *
 * <p>Implement this for a framework that knows its route template but does not set a request
 * attribute (for those, {@link #attribute(String)} is enough) and add it with
 * {@link HttpMetricsConfig.Builder#addRouteResolver(RouteResolver)}. Resolvers are called on
 * request threads, concurrently: keep them stateless and cheap, and do not throw.
 */
@FunctionalInterface
public interface RouteResolver {

    /**
     * The route of a request that ended with 404 and that no framework route and no exact
     * servlet mapping named.
     */
    String NOT_FOUND = "NOT_FOUND";
    /** Like {@link #NOT_FOUND}, for such a request that ended with a 3xx redirection. */
    String REDIRECTION = "REDIRECTION";
    /** The route of the application root. */
    String ROOT = "root";
    /**
     * The route when no resolver could name one, and the in-flight route of a request that
     * nothing names at its start.
     */
    String UNKNOWN = "UNKNOWN";
    /** The placeholder the templating fallback puts in place of id-like path segments. */
    String ID = "{id}";

    /**
     * @param request the request being timed
     * @param status the final response status, or {@code 0} when the filter asks at the start
     *     of the request (to tag {@code http.server.requests.active}; answer {@code null} then
     *     unless the route is already known, never a raw path)
     * @return the route template, or {@code null} to let the next resolver decide
     */
    @Nullable String resolve(HttpServletRequest request, int status);

    /**
     * @param name a request attribute a framework sets to the matched route template
     * @return a resolver reading that attribute (any non-null value, via {@code toString()})
     */
    static RouteResolver attribute(String name) {
        return RouteResolvers.attribute(name);
    }

    /** @return the resolver reading {@link PerfMonFilter#ROUTE_ATTRIBUTE} */
    static RouteResolver perfMonAttribute() {
        return RouteResolvers.perfMonAttribute();
    }

    /** @return the resolver reading Spring MVC's {@code HandlerMapping.bestMatchingPattern} attribute */
    static RouteResolver springMvc() {
        return RouteResolvers.springMvc();
    }

    /**
     * @return the resolver naming every 404 {@link #NOT_FOUND} and every 3xx {@link #REDIRECTION};
     *     in the default chain it comes after the route attributes and the servlet mapping, so it
     *     only names requests those left unnamed
     */
    static RouteResolver notFoundAndRedirection() {
        return RouteResolvers.notFoundAndRedirection();
    }

    /**
     * @return the resolver using an exact servlet mapping: its pattern ({@code /health}), and
     *     {@code root} for the context root; {@code null} for path-prefix, extension and default
     *     mappings, which match paths that need not exist (those requests are named by status,
     *     then by the templated path)
     */
    static RouteResolver servletMapping() {
        return RouteResolvers.servletMapping();
    }

    /**
     * @return the fallback: the path within the application with id-like segments (numbers,
     *     UUIDs, long hex strings, opaque tokens, encoded or non-ASCII text) replaced by
     *     {@link #ID}, at most 16 segments; only for the answer of a handler ({@code GET},
     *     {@code HEAD}, {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} with 1xx, 2xx,
     *     5xx other than 501/505, 409, 412 or 422), never for what a container or filter
     *     answers for any path (405, 501, {@code OPTIONS}, 401, 403, ...): {@code null} then.
     *     Its values have their own cap and are the only ones folded into the overflow value
     */
    static RouteResolver templatedPath() {
        return RouteResolvers.templatedPath();
    }
}
