package dev.perfmon.servlet.internal;

/**
 * The {@code method} tag: Spring's set of HTTP methods, matched case-sensitively as Spring
 * does, and {@code UNKNOWN} for anything else (lowercase, WebDAV, made-up methods), so the tag
 * stays bounded whatever clients send.
 */
public enum MethodTag {
    GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE, UNKNOWN;

    private static final MethodTag[] VALUES = values();

    /** @return how many values there are, to size per-method arrays */
    public static int count() {
        return VALUES.length;
    }

    /**
     * @param method the request method as sent, possibly null
     * @return its tag
     */
    public static MethodTag of(String method) {
        if (method == null) {
            return UNKNOWN;
        }
        switch (method) {
            case "GET":
                return GET;
            case "POST":
                return POST;
            case "PUT":
                return PUT;
            case "DELETE":
                return DELETE;
            case "HEAD":
                return HEAD;
            case "PATCH":
                return PATCH;
            case "OPTIONS":
                return OPTIONS;
            case "TRACE":
                return TRACE;
            default:
                return UNKNOWN;
        }
    }
}
