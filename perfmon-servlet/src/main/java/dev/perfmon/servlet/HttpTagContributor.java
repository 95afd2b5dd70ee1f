package dev.perfmon.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.Set;

/**
 * Adds one tag of the application's own to {@code http.server.requests}, as Micrometer's
 * conventions allow: a client kind, a tenant tier, an API version. Register it with
 * {@link HttpMetricsConfig.Builder#addTagContributor(HttpTagContributor)}.
 *
 * <p>The value must come from a small fixed set: perfmon admits the first
 * {@code PerfMonConfig.maxTagValues()} distinct values of each contributor and records the rest
 * under the overflow value ({@code OTHER}), so a contributor that leaks a user id or a raw header
 * costs one series, never a cardinality explosion. Timers are cached by their final tag values
 * as the built-in tags are, so a contributed tag costs a call to {@link #value} and a comparison
 * per request, no registry lookup.
 *
 * <p>{@link #value} runs once per request, after the response status is known, on the thread that
 * completes the request. A {@code null} value, or one that throws, is recorded as
 * {@link #defaultValue()} (a throw is counted under the {@code servlet.tags} failure component);
 * the request is never affected.
 */
public interface HttpTagContributor {

    /** @return the tag key; fixed, and none of the keys perfmon writes itself */
    String key();

    /**
     * @param request the request
     * @param response the response, its status set
     * @return the tag value, from a small fixed set; {@code null} for {@link #defaultValue()}
     */
    @Nullable String value(HttpServletRequest request, HttpServletResponse response);

    /** @return the value of requests without one; also the value of the series created at zero */
    default String defaultValue() {
        return "none";
    }

    /**
     * A tag read from a request header, limited to the values given.
     *
     * @param key the tag key, e.g. {@code client}
     * @param header the header to read, e.g. {@code X-Client-Kind}
     * @param allowed the values recorded as they are; any other value is recorded as {@code other},
     *     a missing header as {@code none}
     * @return the contributor
     */
    static HttpTagContributor fromHeader(String key, String header, String... allowed) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(header, "header");
        Set<String> values = Set.of(allowed);
        return new HttpTagContributor() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public @Nullable String value(HttpServletRequest request, HttpServletResponse response) {
                String value = request.getHeader(header);
                if (value == null) {
                    return null;
                }
                return values.contains(value) ? value : "other";
            }

            @Override
            public String toString() {
                return "HttpTagContributor[" + key + " from header " + header + ", values " + values + ']';
            }
        };
    }
}
