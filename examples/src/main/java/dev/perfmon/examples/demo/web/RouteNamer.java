package dev.perfmon.examples.demo.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells the instrumentation which route template a request matched ({@code /posts/{id}}), as
 * a framework's router would: servlet mappings alone cannot express path variables.
 */
@FunctionalInterface
public interface RouteNamer {

    /** Names nothing. */
    RouteNamer NONE = (request, template) -> { };

    /**
     * @param request the request being handled
     * @param template its route template, such as {@code /posts/{id}}
     */
    void name(HttpServletRequest request, String template);
}
