package dev.perfmon.core.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where one route's time went over the report's window, from
 * {@code perfmon.request.segment{uri,segment}} against the route's total request time, and its
 * SQL statements from {@code perfmon.request.statements{uri}}.
 *
 * @param route the scope route the segments were recorded under
 * @param requests requests of the route in the window (0 when no HTTP timer matches the route)
 * @param requestSeconds the route's total request time in the window (NaN when no HTTP timer matches)
 * @param segmentPercent percent of request time per segment ({@code db.pool}, {@code db.query},
 *     {@code redis}, others), ending with {@code other}, the remainder; empty when request time is unknown
 * @param segmentSeconds seconds per segment, as recorded
 * @param poolWaitPercent percent waiting for a pooled connection ({@code db.pool})
 * @param sqlPercent percent executing SQL ({@code db.query})
 * @param redisPercent percent in Redis ({@code redis})
 * @param otherPercent the remainder: application code and everything not timed as a segment
 * @param statementsPerRequest mean SQL statements per request, requests without SQL included (NaN when
 *     no scope of the route closed in the window)
 * @param statementsMax the most statements one request issued, as the summary reported it (NaN if unknown)
 */
public record RouteBreakdown(String route, long requests, double requestSeconds, Map<String, Double> segmentPercent,
                             Map<String, Double> segmentSeconds, double poolWaitPercent, double sqlPercent,
                             double redisPercent, double otherPercent, double statementsPerRequest,
                             double statementsMax) {

    public RouteBreakdown {
        Objects.requireNonNull(route, "route");
        segmentPercent = Collections.unmodifiableMap(new LinkedHashMap<>(segmentPercent));
        segmentSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(segmentSeconds));
    }
}
