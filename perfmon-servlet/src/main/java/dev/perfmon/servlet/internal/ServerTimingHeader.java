package dev.perfmon.servlet.internal;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.Segment;
import org.jspecify.annotations.Nullable;

/**
 * Formats a W3C {@code Server-Timing} header value from a request scope:
 * {@code total;dur=12.345, db.pool;dur=0.412, db.query;dur=5.100;desc="3 statements",
 * redis;dur=0.800, cache;desc="hits=2 misses=1"}. Durations are milliseconds; segment names
 * are made into valid tokens.
 */
public final class ServerTimingHeader {

    /** The header name. */
    public static final String NAME = "Server-Timing";

    private ServerTimingHeader() {
    }

    /**
     * @param scope the request's scope, or null
     * @param totalNanos time since the request started
     * @return the header value
     */
    public static String format(@Nullable RequestScope scope, long totalNanos) {
        StringBuilder out = new StringBuilder(96);
        out.append("total");
        duration(out, totalNanos);
        if (scope == null) {
            return out.toString();
        }
        long statements = scope.counter(ScopeCounter.STATEMENTS);
        boolean[] queryWritten = new boolean[1];
        scope.forEachSegment((segment, nanos, count) -> {
            out.append(", ");
            token(out, segment.name());
            duration(out, nanos);
            if (segment == Segment.DB_QUERY) {
                queryWritten[0] = true;
                if (statements > 0) {
                    statementsDesc(out, statements);
                }
            }
        });
        if (!queryWritten[0] && statements > 0) {
            out.append(", db.query");
            statementsDesc(out, statements);
        }
        if (scope.hasCounter(ScopeCounter.CACHE_HITS) || scope.hasCounter(ScopeCounter.CACHE_MISSES)) {
            out.append(", cache;desc=\"hits=").append(scope.counter(ScopeCounter.CACHE_HITS))
                    .append(" misses=").append(scope.counter(ScopeCounter.CACHE_MISSES)).append('"');
        }
        return out.toString();
    }

    private static void statementsDesc(StringBuilder out, long statements) {
        out.append(";desc=\"").append(statements).append(statements == 1 ? " statement\"" : " statements\"");
    }

    /** Appends {@code ;dur=} and the nanoseconds as milliseconds with three decimals. */
    static void duration(StringBuilder out, long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        out.append(";dur=").append(micros / 1_000).append('.');
        long fraction = micros % 1_000;
        if (fraction < 100) {
            out.append('0');
        }
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
    }

    /** Appends the name with every character that is not an RFC 9110 token character replaced by '_'. */
    static void token(StringBuilder out, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            out.append(tchar ? c : '_');
        }
    }
}
