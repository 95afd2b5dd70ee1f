package dev.perfmon.servlet.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The route a framework last named for requests of one templated path ({@code GET /posts/{id}}
 * for {@code GET /posts/42}), so the next such request starts its in-flight sample under that
 * route rather than under {@code UNKNOWN} and moving once the framework matches it: one
 * {@code LongTaskTimer} sample per request instead of two. Only framework-named routes are
 * remembered, never a templated path itself, and at most {@link #CAP} paths (a flood of
 * distinct paths starts under {@code UNKNOWN}, as every request did before).
 */
final class LikelyRoutes {

    static final int CAP = 2_048;

    /** Keyed by the scope's opening name (method and templated path), a cached string. */
    private final ConcurrentMap<String, String> byOpeningName = new ConcurrentHashMap<>();

    /** @return the route requests opening as {@code openingName} were last named with, or {@code otherwise} */
    String of(String openingName, String otherwise) {
        String route = byOpeningName.get(openingName);
        return route != null ? route : otherwise;
    }

    /** A framework named {@code route} for a request that opened as {@code openingName}. */
    void named(String openingName, String route) {
        String known = byOpeningName.get(openingName);
        if (route.equals(known)) {
            return;
        }
        if (known != null || byOpeningName.size() < CAP) {
            byOpeningName.put(openingName, route);
        }
    }
}
