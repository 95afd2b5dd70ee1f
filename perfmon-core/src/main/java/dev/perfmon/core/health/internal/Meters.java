package dev.perfmon.core.health.internal;

import dev.perfmon.core.RouteName;

/**
 * Names of core's part of the metric contract that its rules and report read: the request
 * timer, the breakdown and the JVM binders. Other modules' meters are named by those modules.
 */
public final class Meters {

    private Meters() {
    }

    public static final String HTTP = "http.server.requests";
    public static final String SEGMENT = "perfmon.request.segment";
    public static final String STATEMENTS = "perfmon.request.statements";
    public static final String CPU = "process.cpu.usage";
    public static final String MEMORY_USED = "jvm.memory.used";
    public static final String MEMORY_MAX = "jvm.memory.max";

    /** @return the series name of an HTTP route: {@code GET /posts/{id}} */
    public static String route(String method, String uri) {
        return RouteName.fromTags(method, uri);
    }
}
