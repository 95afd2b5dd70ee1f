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

/** Renders a report for a terminal: fixed columns, every line at most {@value #WIDTH} characters. */
public final class TextRenderer {

    static final int WIDTH = 100;
    private static final int ROUTE = 22;

    private TextRenderer() {
    }

    public static String render(PerfReport r) {
        StringBuilder out = new StringBuilder(4096);
        line(out, "perfmon report  " + r.start() + " .. " + r.end() + "  ("
                + (r.sinceStart() ? "since start, " : "window ") + Fmt.duration(r.window()) + ")");

        heading(out, "Requests (latency in ms; min is an upper bound from the buckets)");
        line(out, String.format(Locale.ROOT, "%-" + ROUTE + "s %7s %7s %5s %6s %6s %6s %6s %6s %6s %6s %6s",
                "route", "reqs", "rate/s", "fail", "err%", "avg", "min<=", "med", "p90", "p95", "p99", "max"));
        routeLine(out, r.totals());
        for (RouteSummary route : r.routes()) {
            routeLine(out, route);
        }

        heading(out, "Objectives");
        for (SloCheck slo : r.slos()) {
            String op = slo.objective().equals("success ratio") ? ">=" : "<=";
            line(out, String.format(Locale.ROOT, "%-18s %-" + ROUTE + "s %10s  %s %-9s %s", slo.objective(),
                    cell(out, slo.route()), slo.unit().format(slo.actual()), op, slo.unit().format(slo.target()),
                    Double.isNaN(slo.actual()) ? "no data" : slo.met() ? "met" : "BREACHED"));
        }

        if (!r.breakdown().isEmpty()) {
            heading(out, "Where the time goes (% of request time)");
            line(out, String.format(Locale.ROOT, "%-" + ROUTE + "s %7s %7s %7s %7s %7s %9s %7s",
                    "route", "reqs", "pool", "sql", "redis", "other", "stmts/req", "stmtmax"));
            for (RouteBreakdown b : r.breakdown()) {
                line(out, String.format(Locale.ROOT, "%-" + ROUTE + "s %7d %7s %7s %7s %7s %9s %7s", cell(out, b.route()),
                        b.requests(), ReportFormat.pct(b.poolWaitPercent()), ReportFormat.pct(b.sqlPercent()), ReportFormat.pct(b.redisPercent()),
                        ReportFormat.pct(b.otherPercent()), ReportFormat.dec(b.statementsPerRequest()), ReportFormat.num(b.statementsMax())));
            }
        }

        if (!r.caches().isEmpty()) {
            heading(out, "Caches");
            for (CacheSummary c : r.caches()) {
                cacheLine(out, c);
            }
            if (r.caches().size() > 1) {
                cacheLine(out, r.cacheTotals());
            }
        }

        if (!r.pools().isEmpty()) {
            heading(out, "Connection pools (peaks over the samples)");
            for (PoolSummary p : r.pools()) {
                line(out, String.format(Locale.ROOT, "%-" + ROUTE + "s %s/%s busy at peak, %s waiting at peak, %d timeouts,"
                                + " acquire avg %s", cell(out, p.pool()), ReportFormat.num(p.peakActive()),
                        ReportFormat.num(p.maxConnections()), ReportFormat.num(p.peakPending()), p.timeouts(), ReportFormat.ms(p.acquireAvgMs())));
                String episodes = Fmt.episodes(p);
                if (!episodes.isEmpty()) {
                    line(out, String.format(Locale.ROOT, "%-" + ROUTE + "s %s", "", episodes));
                }
            }
        }

        heading(out, "Findings" + (r.findingsDropped() > 0 ? " (" + r.findingsDropped() + " older events dropped)" : ""));
        if (r.findings().isEmpty()) {
            line(out, "none");
        }
        for (Finding f : r.findings()) {
            String subject = f.route().equals("none") || f.summary().startsWith(f.route()) ? "" : f.route() + ": ";
            wrap(out, String.format(Locale.ROOT, "%-8s %-16s x%-5d %s%s", f.severity().name().toLowerCase(Locale.ROOT),
                    f.kind(), f.count(), subject, f.summary()), "  ");
        }

        heading(out, "Health (" + (r.healthFromMonitor() ? "monitor, with for-durations" : "rules applied to this window")
                + ")");
        boolean anyBad = false;
        for (RuleStatus s : r.health()) {
            if (s.state().level() > 0) {
                anyBad = true;
                wrap(out, String.format(Locale.ROOT, "%-8s %-24s %s", s.state(), s.rule(), s.summary()), "  ");
            }
        }
        long ok = r.health().stream().filter(s -> s.state().level() == 0).count();
        line(out, (anyBad ? "" : "all rules ok: ") + ok + " rule series ok");

        heading(out, "Likely bottlenecks");
        if (r.bottlenecks().isEmpty()) {
            line(out, "none stands out");
        }
        for (Bottleneck b : r.bottlenecks()) {
            wrap(out, b.rank() + ". [" + b.kind() + "] " + b.reason(), "   ");
            wrap(out, "   -> " + b.action(), "      ");
        }

        if (!r.notes().isEmpty()) {
            heading(out, "Notes");
            for (String note : r.notes()) {
                wrap(out, "* " + note, "  ");
            }
        }
        return out.toString();
    }

    private static void routeLine(StringBuilder out, RouteSummary r) {
        LatencySummary l = r.latency();
        line(out, String.format(Locale.ROOT, "%-" + ROUTE + "s %7d %7s %5d %6s %6s %6s %6s %6s %6s %6s %6s",
                cell(out, r.route()), r.requests(), Double.isNaN(r.ratePerSecond()) ? "-"
                        : String.format(Locale.ROOT, "%.1f", r.ratePerSecond()), r.failures(),
                Double.isNaN(r.errorRate()) ? "-" : String.format(Locale.ROOT, "%.1f", r.errorRate() * 100),
                ReportFormat.msNumber(l.avgMs()), ReportFormat.msNumber(l.minAtMostMs()), ReportFormat.msNumber(l.medianMs()),
                ReportFormat.msNumber(l.p90Ms()), ReportFormat.msNumber(l.p95Ms()), ReportFormat.msNumber(l.p99Ms()), ReportFormat.msNumber(l.maxMs())));
    }

    private static void cacheLine(StringBuilder out, CacheSummary c) {
        line(out, String.format(Locale.ROOT, "%-" + ROUTE + "s hit ratio %6s  %d hits, %d misses", cell(out, c.cache()),
                ReportFormat.pct(c.hitRatio() * 100), c.hits(), c.misses()));
    }

    private static void heading(StringBuilder out, String title) {
        StringBuilder h = new StringBuilder("\n-- ").append(title).append(' ');
        while (h.length() < WIDTH + 1) {
            h.append('-');
        }
        out.append(h, 0, Math.min(h.length(), WIDTH + 1)).append('\n');
    }

    private static void line(StringBuilder out, String text) {
        wrap(out, text, "  ");
    }

    /** Breaks at spaces so no line exceeds the width; continuation lines carry the indent. */
    private static void wrap(StringBuilder out, String text, String indent) {
        String rest = text.replace('\n', ' ');
        boolean first = true;
        while (true) {
            String prefix = first ? "" : indent;
            int room = WIDTH - prefix.length();
            if (rest.length() <= room) {
                out.append(prefix).append(rest).append('\n');
                return;
            }
            int cut = rest.lastIndexOf(' ', room);
            while (cut > 0 && rest.charAt(cut + 1) == '%') { // keep "68 %" on one line
                cut = rest.lastIndexOf(' ', cut - 1);
            }
            if (cut <= 0) {
                cut = room;
            }
            out.append(prefix).append(rest, 0, cut).append('\n');
            rest = rest.substring(cut).stripLeading();
            first = false;
            if (rest.isEmpty()) {
                return;
            }
        }
    }

    /**
     * A name for a table's first column. One that does not fit gets a line of its own above its
     * numbers (hard-wrapped at the report's width), so names are never cut and lines stay within it.
     */
    private static String cell(StringBuilder out, String name) {
        if (name.length() <= ROUTE) {
            return name;
        }
        for (int i = 0; i < name.length(); i += WIDTH) {
            out.append(name, i, Math.min(name.length(), i + WIDTH)).append('\n');
        }
        return "";
    }
}
