package dev.perfmon.core;

import io.micrometer.core.instrument.Tags;

/**
 * A route's one spelling, shared by every meter, scope, event, finding and report row: an HTTP
 * route is its method and template, {@code GET /owners/{ownerId}}, as the report's requests table
 * names it; any other scope (a batch job, a consumer) is its bare name, {@code nightly-import}.
 *
 * <p>Meters split the spelling back into the tags {@code http.server.requests} uses, so a route's
 * breakdown, statements and findings join its request timer on {@code method} and {@code uri}:
 * {@code GET /owners} becomes {@code method="GET", uri="/owners"}, a bare name becomes
 * {@code method="NONE", uri="nightly-import"}. Only the standard HTTP methods and
 * {@code UNKNOWN} (what the servlet filter tags any other method as) are read as a method, so a
 * job named {@code IMPORT orders} keeps its whole name.
 */
public final class RouteName {

    /** The {@code method} tag value of a scope that is not an HTTP request. */
    public static final String NO_METHOD = "NONE";

    private static final String[] METHODS = {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "UNKNOWN"
    };

    private RouteName() {
    }

    /**
     * @param method an HTTP method tag value
     * @param template the route template or fixed value ({@code NOT_FOUND}, {@code OTHER}, ...)
     * @return the route's spelling, {@code "GET /posts"}
     */
    public static String of(String method, String template) {
        return method + ' ' + template;
    }

    /**
     * @param route a route as scopes and events carry it
     * @return its method, or {@link #NO_METHOD} for a bare name
     */
    public static String method(String route) {
        int space = methodEnd(route);
        return space < 0 ? NO_METHOD : route.substring(0, space);
    }

    /**
     * @param route a route as scopes and events carry it
     * @return its template, the whole name for a bare name
     */
    public static String template(String route) {
        int space = methodEnd(route);
        return space < 0 ? route : route.substring(space + 1);
    }

    /**
     * @param route a route as scopes and events carry it
     * @return the {@code method} and {@code uri} tags of meters keyed by route
     */
    public static Tags tags(String route) {
        return Tags.of("method", method(route), "uri", template(route));
    }

    /**
     * @param method a {@code method} tag value, {@link #NO_METHOD} or empty for none
     * @param uri a {@code uri} tag value
     * @return the route those tags name, the inverse of {@link #tags(String)}
     */
    public static String fromTags(String method, String uri) {
        return method == null || method.isEmpty() || NO_METHOD.equals(method) ? uri : of(method, uri);
    }

    /** @return the index of the space after a leading method, or -1 when the route has none */
    private static int methodEnd(String route) {
        int index = methodIndex(route);
        return index < 0 ? -1 : METHODS[index].length();
    }

    /**
     * Finds the route's method without allocating, for callers on a request's path.
     *
     * @return the index of the route's method in {@link #methods()}, or -1 for a bare name
     */
    static int methodIndex(String route) {
        int space = route.indexOf(' ');
        if (space <= 0 || space == route.length() - 1) {
            return -1;
        }
        for (int i = 0; i < METHODS.length; i++) {
            String method = METHODS[i];
            if (method.length() == space && route.startsWith(method)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the methods a route may start with, in the order {@link #methodIndex(String)} counts */
    static String[] methods() {
        return METHODS.clone();
    }
}
