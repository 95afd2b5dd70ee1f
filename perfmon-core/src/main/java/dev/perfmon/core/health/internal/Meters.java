package dev.perfmon.core.health.internal;

import dev.perfmon.core.RouteName;

/** Names and tags of the metric contract that rules and the report read. */
public final class Meters {

    private Meters() {
    }

    public static final String HTTP = "http.server.requests";
    public static final String SEGMENT = "perfmon.request.segment";
    public static final String STATEMENTS = "perfmon.request.statements";
    public static final String CACHE_GETS = "cache.gets";
    public static final String CACHE_LOADS = "cache.loads";
    public static final String POOL_ACTIVE = "hikaricp.connections.active";
    public static final String POOL_MAX = "hikaricp.connections.max";
    public static final String POOL_PENDING = "hikaricp.connections.pending";
    public static final String POOL_TIMEOUT = "hikaricp.connections.timeout";
    public static final String POOL_ACQUIRE = "hikaricp.connections.acquire";
    public static final String POOL_EXHAUSTION = "perfmon.pool.exhaustion";
    public static final String NPLUSONE = "perfmon.nplusone";
    public static final String CPU = "process.cpu.usage";
    public static final String MEMORY_USED = "jvm.memory.used";
    public static final String MEMORY_MAX = "jvm.memory.max";

    /** @return whether a meter name is one the rules or the report read */
    public static boolean contract(String name) {
        return name.equals(HTTP) || name.startsWith("perfmon.") || name.startsWith("cache.")
                || name.startsWith("hikaricp.connections") || name.equals(CPU) || name.equals(MEMORY_USED)
                || name.equals(MEMORY_MAX);
    }

    /** @return the series name of an HTTP route: {@code GET /posts/{id}} */
    public static String route(String method, String uri) {
        return RouteName.fromTags(method, uri);
    }
}
