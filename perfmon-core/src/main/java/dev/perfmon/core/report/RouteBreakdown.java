package dev.perfmon.core.report;

import dev.perfmon.core.Segment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where one route's time went over the report's window, from
 * {@code perfmon.request.segment{method,uri,segment}} against the route's total request time, and
 * its statements from {@code perfmon.request.statements{method,uri}}. Segments are whatever the
 * modules recorded (segment name to time); the accessors named after core's {@link Segment}
 * constants read the same maps.
 *
 * @param route the scope route the segments were recorded under
 * @param requests requests of the route in the window (0 when no HTTP timer matches the route)
 * @param requestSeconds the route's total request time in the window (NaN when no HTTP timer matches)
 * @param segmentPercent percent of request time per recorded segment, ending with {@code other},
 *     the remainder; empty when request time is unknown
 * @param segmentSeconds seconds per recorded segment
 * @param otherPercent the remainder: application code and everything not timed as a segment
 * @param statementsPerRequest mean statements per request, requests without statements included
 *     (NaN when no scope of the route closed in the window)
 * @param statementsMax the most statements one request issued, as the summary reported it (NaN if unknown)
 */
public record RouteBreakdown(String route, long requests, double requestSeconds, Map<String, Double> segmentPercent,
                             Map<String, Double> segmentSeconds, double otherPercent, double statementsPerRequest,
                             double statementsMax) {

    public RouteBreakdown {
        Objects.requireNonNull(route, "route");
        segmentPercent = Collections.unmodifiableMap(new LinkedHashMap<>(segmentPercent));
        segmentSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(segmentSeconds));
    }

    /** @return the percent of request time in a segment: 0 when the route recorded none, NaN when request time is unknown */
    public double percent(String segment) {
        return segmentPercent.isEmpty() ? Double.NaN : segmentPercent.getOrDefault(segment, 0.0);
    }

    /** @return the seconds the route spent in a segment, 0 when it recorded none */
    public double seconds(String segment) {
        return segmentSeconds.getOrDefault(segment, 0.0);
    }

    /** @return percent waiting for a pooled connection ({@link Segment#DB_POOL}) */
    public double poolWaitPercent() {
        return percent(Segment.DB_POOL.name());
    }

    /** @return percent executing SQL ({@link Segment#DB_QUERY}) */
    public double sqlPercent() {
        return percent(Segment.DB_QUERY.name());
    }

    /** @return percent in Redis ({@link Segment#REDIS}) */
    public double redisPercent() {
        return percent(Segment.REDIS.name());
    }
}
