package dev.perfmon.core.report;

import dev.perfmon.core.internal.Require;

/**
 * Traffic, failures and latency of one route (or of all routes: {@link PerfReport#ALL}) over
 * the report's window, from {@code http.server.requests}.
 *
 * @param route {@code METHOD uri}, such as {@code GET /posts/{id}}, or {@code all}
 * @param method the method tag, empty for {@code all}
 * @param uri the route template tag, empty for {@code all}
 * @param requests requests completed in the window
 * @param ratePerSecond requests per second of the window
 * @param failures 4xx and 5xx responses
 * @param serverErrors 5xx responses
 * @param errorRate failures over requests (NaN without requests)
 * @param serverErrorRate server errors over requests (NaN without requests)
 * @param successRatio 2xx responses over requests (NaN without requests)
 * @param latency the latency summary
 */
public record RouteSummary(String route, String method, String uri, long requests, double ratePerSecond,
                           long failures, long serverErrors, double errorRate, double serverErrorRate,
                           double successRatio, LatencySummary latency) {

    public RouteSummary {
        Require.nonNull("route, method, uri, latency", route, method, uri, latency);
    }
}
