package dev.perfmon.servlet.internal;

import dev.perfmon.core.report.CacheSummary;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.LatencySummary;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.RouteSummary;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The recent history the dashboard's charts draw: a bounded ring of points, each the totals, the
 * busiest routes and the findings per kind over one short interval (a report over that interval;
 * kinds a module counts with a counter are exact there, from the counter's increase). A point is added
 * when the page polls and the newest point is at least an interval old, so any number of
 * viewers share one history and an unwatched dashboard costs nothing.
 */
public final class DashboardSeries {

    /** Routes kept per point: the busiest ones. */
    static final int ROUTES_PER_POINT = 8;

    private final Duration interval;
    private final int maxPoints;
    private final Deque<Point> points = new ArrayDeque<>();
    /** Reports of the recent past over a span, read once to fill the first poll's history; then null. */
    private @Nullable Function<Duration, List<PerfReport>> history;

    public DashboardSeries(Duration interval, int maxPoints) {
        this(interval, maxPoints, null);
    }

    /**
     * @param history reports of the recent past, one per interval over the given span (the
     *     reporter's {@code history}), so charts have data on the first visit; may be null
     */
    public DashboardSeries(Duration interval, int maxPoints, @Nullable Function<Duration, List<PerfReport>> history) {
        this.interval = interval;
        this.maxPoints = maxPoints;
        this.history = history;
    }

    /**
     * Adds a point from {@code reportOverInterval} when the newest point is at least an
     * interval older than {@code now}.
     *
     * @param nowMillis the time of the poll (the reporter's clock)
     * @param reportOverInterval makes a report over a given window
     */
    public synchronized void maybeAdd(long nowMillis, Function<Duration, PerfReport> reportOverInterval) {
        if (points.isEmpty() && history != null) {
            // First poll: start from what the reporter sampled before anyone looked.
            try {
                for (PerfReport past : history.apply(interval.multipliedBy(maxPoints))) {
                    points.addLast(Point.of(past));
                }
            } finally {
                history = null;
            }
            while (points.size() > maxPoints) {
                points.removeFirst();
            }
        }
        Point last = points.peekLast();
        if (last != null && nowMillis - last.epochMillis() < interval.toMillis()) {
            return;
        }
        PerfReport report = reportOverInterval.apply(interval);
        long at = report.end().toEpochMilli();
        if (last != null && at <= last.epochMillis()) {
            return;
        }
        points.addLast(Point.of(report));
        while (points.size() > maxPoints) {
            points.removeFirst();
        }
    }

    /** @return how many points are held */
    public synchronized int size() {
        return points.size();
    }

    /** Appends the points as a JSON array, oldest first. */
    public void writeJson(StringBuilder out) {
        List<Point> copy;
        synchronized (this) {
            copy = new ArrayList<>(points);
        }
        out.append('[');
        for (int i = 0; i < copy.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            copy.get(i).writeJson(out);
        }
        out.append(']');
    }

    /** One point of the history. */
    record Point(long epochMillis, double seconds, RouteSummary totals, double cacheHitRatio,
                 List<RouteSummary> routes, Map<String, Long> findings) {

        static Point of(PerfReport report) {
            List<RouteSummary> routes = report.routes();
            List<RouteSummary> busiest = new ArrayList<>(routes.subList(0, Math.min(ROUTES_PER_POINT, routes.size())));
            CacheSummary cache = report.cacheTotals();
            Map<String, Long> findings = new TreeMap<>();
            for (Finding f : report.findings()) {
                findings.merge(f.kind(), f.count(), Long::sum);
            }
            return new Point(report.end().toEpochMilli(), report.window().toNanos() / 1e9, report.totals(),
                    cache.hitRatio(), List.copyOf(busiest), findings);
        }

        void writeJson(StringBuilder out) {
            out.append("{\"t\":");
            JsonOut.number(out, epochMillis);
            JsonOut.number(out, "seconds", seconds);
            out.append(',');
            summary(out, totals);
            JsonOut.number(out, "cacheHitRatio", cacheHitRatio);
            out.append(",\"findings\":{");
            int n = 0;
            for (Map.Entry<String, Long> kind : findings.entrySet()) {
                out.append(n++ > 0 ? "," : "");
                JsonOut.string(out, kind.getKey());
                out.append(':').append(kind.getValue());
            }
            out.append("},\"routes\":[");
            for (int i = 0; i < routes.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append("{\"route\":");
                JsonOut.string(out, routes.get(i).route());
                out.append(',');
                summary(out, routes.get(i));
                out.append('}');
            }
            out.append("]}");
        }

        private static void summary(StringBuilder out, RouteSummary s) {
            LatencySummary l = s.latency();
            out.append("\"requests\":").append(s.requests());
            JsonOut.number(out, "rps", s.ratePerSecond());
            JsonOut.number(out, "errorRate", s.errorRate());
            JsonOut.number(out, "serverErrorRate", s.serverErrorRate());
            JsonOut.number(out, "successRatio", s.successRatio());
            JsonOut.number(out, "p50", l.medianMs());
            JsonOut.number(out, "p95", l.p95Ms());
            JsonOut.number(out, "p99", l.p99Ms());
            JsonOut.number(out, "max", l.maxMs());
        }
    }
}
