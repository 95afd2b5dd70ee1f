package dev.perfmon.servlet.internal;

import dev.perfmon.servlet.RouteResolver;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The filter's {@link RouteEntry}s, per method and route or templated path: one map lookup
 * finds a request's scope name, in-flight timer, request timers and, for the path shape it
 * opened under, the route a framework last named for that shape. Past {@link #CAP} keys per
 * method (a flood of templated paths) entries are built per request and not kept, so the map
 * stays bounded; at most {@link #LIKELY_CAP} path shapes remember a likely route (a flood of
 * distinct paths starts under {@code UNKNOWN}).
 */
final class RouteEntries {

    static final int CAP = 2_048;
    static final int LIKELY_CAP = 2_048;

    @SuppressWarnings("unchecked")
    private final ConcurrentMap<String, RouteEntry>[] byMethod = new ConcurrentMap[MethodTag.count()];
    /** Per method, the {@code UNKNOWN} entry a request of a shape never named starts under. */
    private final RouteEntry[] unknown = new RouteEntry[MethodTag.count()];
    private final AtomicInteger likelyShapes = new AtomicInteger();

    RouteEntries() {
        for (MethodTag method : MethodTag.values()) {
            byMethod[method.ordinal()] = new ConcurrentHashMap<>();
            unknown[method.ordinal()] = of(method, RouteResolver.UNKNOWN);
        }
    }

    /** @return the entry of {@code route} (or templated path) requested with {@code method} */
    RouteEntry of(MethodTag method, String route) {
        ConcurrentMap<String, RouteEntry> entries = byMethod[method.ordinal()];
        RouteEntry entry = entries.get(route);
        if (entry != null) {
            return entry;
        }
        entry = new RouteEntry(method, route);
        if (entries.size() < CAP) {
            RouteEntry raced = entries.putIfAbsent(route, entry);
            return raced == null ? entry : raced;
        }
        return entry;
    }

    /** @return the route a request opening as {@code opening} starts its in-flight sample under */
    RouteEntry likely(RouteEntry opening) {
        RouteEntry likely = opening.likely;
        return likely != null ? likely : unknown[opening.method.ordinal()];
    }

    /** A framework named {@code named} for a request that opened as {@code opening}. */
    void named(RouteEntry opening, RouteEntry named) {
        RouteEntry known = opening.likely;
        if (known != null && known.is(named.route)) {
            return;
        }
        if (known == null) {
            if (likelyShapes.get() >= LIKELY_CAP) {
                return;
            }
            likelyShapes.incrementAndGet();
        }
        opening.likely = named;
    }
}
