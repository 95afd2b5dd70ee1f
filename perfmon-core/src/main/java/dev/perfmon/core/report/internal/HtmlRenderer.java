package dev.perfmon.core.report.internal;

import dev.perfmon.core.health.RuleStatus;
import dev.perfmon.core.report.Bottleneck;
import dev.perfmon.core.report.CacheSummary;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.LatencySummary;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.RouteSummary;
import dev.perfmon.core.report.SloCheck;
import dev.perfmon.core.report.spi.ReportFormat;

import java.util.Locale;

/**
 * Renders a report as an HTML fragment: one {@code <section class="perfmon-report">} of plain
 * tables and lists, no scripts or inline styles, for a dashboard page to embed and style. Every
 * piece of text is escaped, since routes, summaries and cache names come from the application.
 */
public final class HtmlRenderer {

    private HtmlRenderer() {
    }

    public static String render(PerfReport r) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<section class=\"perfmon-report\">\n");
        h.append("<h2>perfmon report</h2>\n<p class=\"perfmon-period\">").append(esc(r.start().toString()))
                .append(" .. ").append(esc(r.end().toString())).append(" (")
                .append(r.sinceStart() ? "since start, " : "window ").append(esc(Fmt.duration(r.window())))
                .append(")</p>\n");

        h.append("<h3>Likely bottlenecks</h3>\n");
        if (r.bottlenecks().isEmpty()) {
            h.append("<p>None stands out.</p>\n");
        } else {
            h.append("<ol class=\"perfmon-bottlenecks\">\n");
            for (Bottleneck b : r.bottlenecks()) {
                h.append("<li data-kind=\"").append(esc(b.kind())).append("\"><strong>").append(esc(b.reason()))
                        .append("</strong><br>").append(esc(b.action())).append("</li>\n");
            }
            h.append("</ol>\n");
        }

        h.append("<h3>Requests</h3>\n<table class=\"perfmon-routes\">\n<thead><tr>");
        for (String c : new String[] {"route", "requests", "rate/s", "failures", "error rate", "avg ms", "min &le; ms",
                "median ms", "p90 ms", "p95 ms", "p99 ms", "max ms"}) {
            h.append("<th>").append(c).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        routeRow(h, r.totals());
        for (RouteSummary route : r.routes()) {
            routeRow(h, route);
        }
        h.append("</tbody>\n</table>\n");

        h.append("<h3>Objectives</h3>\n<table class=\"perfmon-slos\">\n<thead><tr><th>objective</th><th>route</th>"
                + "<th>actual</th><th>target</th><th>verdict</th></tr></thead>\n<tbody>\n");
        for (SloCheck s : r.slos()) {
            String verdict = Double.isNaN(s.actual()) ? "no data" : s.met() ? "met" : "breached";
            h.append("<tr class=\"perfmon-").append(verdict.replace(' ', '-')).append("\">");
            cell(h, s.objective());
            cell(h, s.route());
            cell(h, s.unit().format(s.actual()));
            cell(h, s.unit().format(s.target()));
            cell(h, verdict);
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");

        if (!r.breakdown().isEmpty()) {
            h.append("<h3>Where the time goes</h3>\n<table class=\"perfmon-breakdown\">\n<thead><tr><th>route</th>"
                    + "<th>requests</th><th>pool wait</th><th>SQL</th><th>Redis</th><th>other</th>"
                    + "<th>statements/request</th></tr></thead>\n<tbody>\n");
            for (RouteBreakdown b : r.breakdown()) {
                h.append("<tr>");
                cell(h, b.route());
                cell(h, Long.toString(b.requests()));
                cell(h, ReportFormat.pct(b.poolWaitPercent()));
                cell(h, ReportFormat.pct(b.sqlPercent()));
                cell(h, ReportFormat.pct(b.redisPercent()));
                cell(h, ReportFormat.pct(b.otherPercent()));
                cell(h, ReportFormat.dec(b.statementsPerRequest()));
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }

        if (!r.caches().isEmpty() || !r.pools().isEmpty()) {
            h.append("<h3>Caches and pools</h3>\n<ul class=\"perfmon-resources\">\n");
            for (CacheSummary c : r.caches()) {
                h.append("<li>cache ").append(esc(c.cache())).append(": hit ratio ").append(esc(ReportFormat.pct(c.hitRatio() * 100)))
                        .append(" (").append(c.hits()).append(" hits, ").append(c.misses()).append(" misses)</li>\n");
            }
            for (PoolSummary p : r.pools()) {
                h.append("<li>pool ").append(esc(p.pool())).append(": ").append(esc(ReportFormat.num(p.peakActive()))).append('/')
                        .append(esc(ReportFormat.num(p.maxConnections()))).append(" busy at peak, ")
                        .append(esc(ReportFormat.num(p.peakPending()))).append(" waiting at peak, ").append(p.timeouts())
                        .append(" timeouts");
                String episodes = Fmt.episodes(p);
                h.append(episodes.isEmpty() ? "" : "; ").append(esc(episodes)).append("</li>\n");
            }
            h.append("</ul>\n");
        }

        h.append("<h3>Findings</h3>\n");
        if (r.findings().isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table class=\"perfmon-findings\">\n<thead><tr><th>severity</th><th>kind</th><th>route</th>"
                    + "<th>count</th><th>last</th></tr></thead>\n<tbody>\n");
            for (Finding f : r.findings()) {
                h.append("<tr class=\"perfmon-").append(f.severity().name().toLowerCase(Locale.ROOT)).append("\">");
                cell(h, f.severity().name().toLowerCase(Locale.ROOT));
                cell(h, f.kind());
                cell(h, f.route());
                cell(h, Long.toString(f.count()));
                cell(h, f.summary());
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }

        h.append("<h3>Health</h3>\n<ul class=\"perfmon-health\">\n");
        for (RuleStatus s : r.health()) {
            h.append("<li class=\"perfmon-").append(s.state().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(esc(s.state().name())).append(' ').append(esc(s.rule())).append(": ")
                    .append(esc(s.summary())).append("</li>\n");
        }
        h.append("</ul>\n");

        if (!r.notes().isEmpty()) {
            h.append("<h3>Notes</h3>\n<ul class=\"perfmon-notes\">\n");
            for (String note : r.notes()) {
                h.append("<li>").append(esc(note)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        return h.append("</section>\n").toString();
    }

    private static void routeRow(StringBuilder h, RouteSummary r) {
        LatencySummary l = r.latency();
        h.append("<tr>");
        cell(h, r.route());
        cell(h, Long.toString(r.requests()));
        cell(h, Double.isNaN(r.ratePerSecond()) ? "-" : String.format(Locale.ROOT, "%.1f", r.ratePerSecond()));
        cell(h, Long.toString(r.failures()));
        cell(h, ReportFormat.pct(r.errorRate() * 100));
        for (double v : new double[] {l.avgMs(), l.minAtMostMs(), l.medianMs(), l.p90Ms(), l.p95Ms(), l.p99Ms(), l.maxMs()}) {
            cell(h, ReportFormat.msNumber(v));
        }
        h.append("</tr>\n");
    }

    private static void cell(StringBuilder h, String text) {
        h.append("<td>").append(esc(text)).append("</td>");
    }

    /** @return text safe in element content and quoted attribute values (the dashboard page's too) */
    public static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
