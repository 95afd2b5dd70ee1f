package dev.perfmon.servlet.internal;

import dev.perfmon.core.RouteName;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The scope name of a request, its method and route ({@code GET /posts/{id}}), the spelling
 * {@link RouteName} gives every meter, event and finding. Names are cached per method so a warm
 * route names its scope without building a string; past {@link #CAP} routes per method (a flood
 * of templated paths) names are built per request and not kept, so the cache stays bounded.
 */
final class ScopeNames {

    static final int CAP = 2_048;

    @SuppressWarnings("unchecked")
    private final ConcurrentMap<String, String>[] byMethod = new ConcurrentMap[MethodTag.count()];

    ScopeNames() {
        for (int i = 0; i < byMethod.length; i++) {
            byMethod[i] = new ConcurrentHashMap<>();
        }
    }

    /** @return the scope name of {@code route} requested with {@code method} */
    String of(MethodTag method, String route) {
        ConcurrentMap<String, String> names = byMethod[method.ordinal()];
        String name = names.get(route);
        if (name != null) {
            return name;
        }
        name = RouteName.of(method.name(), route);
        if (names.size() < CAP) {
            String raced = names.putIfAbsent(route, name);
            return raced == null ? name : raced;
        }
        return name;
    }
}
