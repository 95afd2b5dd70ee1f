package dev.perfmon.core.report.internal;

import dev.perfmon.core.health.RuleStatus;
import dev.perfmon.core.report.Bottleneck;
import dev.perfmon.core.report.CacheSummary;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.LatencySummary;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.PoolHolder;
import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.RouteSummary;
import dev.perfmon.core.report.SloCheck;

import java.util.Locale;
import java.util.Map;

/**
 * Renders a report as JSON, schema version {@link PerfReport#SCHEMA_VERSION}. Every key is
 * always present (unknown numbers are {@code null}); keys are fixed, never data, so the key
 * structure is pinned by {@code report-schema-v1.txt} in the tests. Times are ISO-8601 UTC
 * instants, durations are seconds, latencies milliseconds, ratios in [0, 1], percentages in [0, 100].
 */
public final class JsonRenderer {

    private JsonRenderer() {
    }

    public static String render(PerfReport r) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("schemaVersion").value(PerfReport.SCHEMA_VERSION);
        w.name("generatedAt").value(r.generatedAt().toString());
        w.name("start").value(r.start().toString());
        w.name("end").value(r.end().toString());
        w.name("windowSeconds").value(r.window().toNanos() / 1e9);
        w.name("sinceStart").value(r.sinceStart());
        w.name("totals");
        route(w, r.totals());
        w.name("routes").beginArray();
        for (RouteSummary route : r.routes()) {
            route(w, route);
        }
        w.endArray();
        w.name("slos").beginArray();
        for (SloCheck slo : r.slos()) {
            w.beginObject()
                    .name("objective").value(slo.objective())
                    .name("route").value(slo.route())
                    .name("unit").value(slo.unit().name().toLowerCase(Locale.ROOT))
                    .name("target").value(slo.target())
                    .name("actual").value(slo.actual())
                    .name("met").value(slo.met())
                    .endObject();
        }
        w.endArray();
        w.name("breakdown").beginArray();
        for (RouteBreakdown b : r.breakdown()) {
            w.beginObject()
                    .name("route").value(b.route())
                    .name("requests").value(b.requests())
                    .name("requestSeconds").value(b.requestSeconds())
                    .name("poolWaitPercent").value(b.poolWaitPercent())
                    .name("sqlPercent").value(b.sqlPercent())
                    .name("redisPercent").value(b.redisPercent())
                    .name("otherPercent").value(b.otherPercent())
                    .name("statementsPerRequest").value(b.statementsPerRequest())
                    .name("statementsMax").value(b.statementsMax());
            w.name("segments").beginArray();
            for (Map.Entry<String, Double> s : b.segmentSeconds().entrySet()) {
                w.beginObject()
                        .name("segment").value(s.getKey())
                        .name("seconds").value(s.getValue())
                        .name("percent").value(b.segmentPercent().getOrDefault(s.getKey(), Double.NaN))
                        .endObject();
            }
            w.endArray().endObject();
        }
        w.endArray();
        w.name("cacheTotals");
        cache(w, r.cacheTotals());
        w.name("caches").beginArray();
        for (CacheSummary c : r.caches()) {
            cache(w, c);
        }
        w.endArray();
        w.name("pools").beginArray();
        for (PoolSummary p : r.pools()) {
            w.beginObject()
                    .name("pool").value(p.pool())
                    .name("maxConnections").value(p.maxConnections())
                    .name("peakActive").value(p.peakActive())
                    .name("peakPending").value(p.peakPending())
                    .name("timeouts").value(p.timeouts())
                    .name("acquireAvgMs").value(p.acquireAvgMs())
                    .name("episodes").value(p.episodes())
                    .name("mainHolders").beginArray();
            for (PoolHolder h : p.mainHolders()) {
                w.beginObject().name("route").value(h.route()).name("heldSeconds").value(h.heldSeconds()).endObject();
            }
            w.endArray().endObject();
        }
        w.endArray();
        w.name("findingsDropped").value(r.findingsDropped());
        w.name("findings").beginArray();
        for (Finding f : r.findings()) {
            w.beginObject()
                    .name("kind").value(f.kind())
                    .name("route").value(f.route())
                    .name("severity").value(f.severity().name().toLowerCase(Locale.ROOT))
                    .name("count").value(f.count())
                    .name("firstSeen").value(f.firstSeen().toString())
                    .name("lastSeen").value(f.lastSeen().toString())
                    .name("summary").value(f.summary())
                    .endObject();
        }
        w.endArray();
        w.name("healthSource").value(r.healthFromMonitor() ? "monitor" : "window");
        w.name("health").beginArray();
        for (RuleStatus s : r.health()) {
            w.beginObject()
                    .name("rule").value(s.rule())
                    .name("series").value(s.series())
                    .name("state").value(s.state().name().toLowerCase(Locale.ROOT))
                    .name("level").value(s.state().level())
                    .name("unit").value(s.unit().name().toLowerCase(Locale.ROOT))
                    .name("value").value(s.value())
                    .name("warning").value(s.warning())
                    .name("critical").value(s.critical())
                    .name("since").value(s.since().toString())
                    .name("summary").value(s.summary())
                    .endObject();
        }
        w.endArray();
        w.name("bottlenecks").beginArray();
        for (Bottleneck b : r.bottlenecks()) {
            w.beginObject()
                    .name("rank").value(b.rank())
                    .name("kind").value(b.kind())
                    .name("route").value(b.route())
                    .name("score").value(b.score())
                    .name("reason").value(b.reason())
                    .name("action").value(b.action())
                    .endObject();
        }
        w.endArray();
        w.name("notes").beginArray();
        for (String note : r.notes()) {
            w.value(note);
        }
        w.endArray();
        return w.endObject().toJson();
    }

    private static void route(JsonWriter w, RouteSummary r) {
        LatencySummary l = r.latency();
        w.beginObject()
                .name("route").value(r.route())
                .name("method").value(r.method())
                .name("uri").value(r.uri())
                .name("requests").value(r.requests())
                .name("ratePerSecond").value(r.ratePerSecond())
                .name("failures").value(r.failures())
                .name("serverErrors").value(r.serverErrors())
                .name("errorRate").value(r.errorRate())
                .name("serverErrorRate").value(r.serverErrorRate())
                .name("successRatio").value(r.successRatio())
                .name("latencyMs").beginObject()
                .name("avg").value(l.avgMs())
                .name("minAtMost").value(l.minAtMostMs())
                .name("median").value(l.medianMs())
                .name("p90").value(l.p90Ms())
                .name("p95").value(l.p95Ms())
                .name("p99").value(l.p99Ms())
                .name("max").value(l.maxMs())
                .name("estimated").value(l.estimated())
                .endObject()
                .endObject();
    }

    private static void cache(JsonWriter w, CacheSummary c) {
        w.beginObject()
                .name("cache").value(c.cache())
                .name("hits").value(c.hits())
                .name("misses").value(c.misses())
                .name("hitRatio").value(c.hitRatio())
                .endObject();
    }
}
