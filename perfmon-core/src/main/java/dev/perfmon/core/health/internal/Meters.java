package dev.perfmon.core.health.internal;

import dev.perfmon.core.RouteName;

/**
 * Names of the metric contract that core's rules and report read: the request timer, the
 * breakdown, the JVM binders and, for the default health rules, the pool and cache meters.
 */
public final class Meters {

    private Meters() {
    }

    public static final String HTTP = "http.server.requests";
    public static final String SEGMENT = "perfmon.request.segment";
    public static final String STATEMENTS = "perfmon.request.statements";
    public static final String CACHE_GETS = "cache.gets";
    public static final String POOL_ACTIVE = "hikaricp.connections.active";
    public static final String POOL_MAX = "hikaricp.connections.max";
    public static final String POOL_PENDING = "hikaricp.connections.pending";
    public static final String POOL_TIMEOUT = "hikaricp.connections.timeout";
    public static final String CPU = "process.cpu.usage";
    public static final String MEMORY_USED = "jvm.memory.used";
    public static final String MEMORY_MAX = "jvm.memory.max";

    /** @return the series name of an HTTP route: {@code GET /posts/{id}} */
    public static String route(String method, String uri) {
        return RouteName.fromTags(method, uri);
    }
}
