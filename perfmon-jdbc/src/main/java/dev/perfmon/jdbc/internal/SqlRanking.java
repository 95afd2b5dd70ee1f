package dev.perfmon.jdbc.internal;

import dev.perfmon.core.Segment;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.RouteSummary;
import dev.perfmon.core.report.spi.BottleneckCandidate;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.ReportContribution;
import dev.perfmon.jdbc.DuplicateQuery;
import dev.perfmon.jdbc.NPlusOneDetected;

import static dev.perfmon.core.report.spi.ReportFormat.dec;
import static dev.perfmon.core.report.spi.ReportFormat.num;
import static dev.perfmon.core.report.spi.ReportFormat.pct;
import static dev.perfmon.core.report.spi.ReportFormat.plural;

/**
 * Ranks a route's SQL. An N+1 (a finding, or {@link #N_PLUS_ONE_STATEMENTS} statements per
 * request) claims the route's own work (SQL and the time outside segments, where an ORM maps
 * each row) in proportion to the statements beyond {@link #N_PLUS_ONE_BASELINE} per request:
 * with one query per row, SQL and per-row mapping both scale with the statements. Otherwise a
 * slow route (p99 past the latency warning) spending {@link #SQL_PERCENT} of its time in SQL is
 * a generic candidate, discounted to {@link #GENERIC}.
 */
public final class SqlRanking {

    /** Kinds of the candidates. */
    static final String N_PLUS_ONE = NPlusOneDetected.KIND;
    static final String SQL = "sql";
    static final double N_PLUS_ONE_STATEMENTS = 10;
    /** Statements per request a fixed N+1 needs: the rows, then one join or IN query for the association. */
    static final double N_PLUS_ONE_BASELINE = 2;
    static final double SQL_PERCENT = 20;
    static final double GENERIC = 0.8;
    private static final String DB_QUERY = Segment.DB_QUERY.name();

    private SqlRanking() {
    }

    public static void diagnose(DiagnosisContext context, ReportContribution report) {
        double total = context.totalRequestSeconds();
        if (!(total > 0)) {
            return;
        }
        double warningMs = context.config().latencyWarning().toNanos() / 1e6;
        for (RouteBreakdown b : context.breakdown()) {
            if (!(b.requestSeconds() > 0)) {
                continue;
            }
            long nPlusOne = context.findingCount(NPlusOneDetected.KIND, b.route());
            long duplicates = context.findingCount(DuplicateQuery.KIND, b.route());
            RouteSummary route = context.route(b.route());
            boolean slow = route != null && route.latency().p99Ms() > warningMs;
            if (nPlusOne > 0 || b.statementsPerRequest() >= N_PLUS_ONE_STATEMENTS) {
                report.candidate(nPlusOne(b, nPlusOne, duplicates, total));
            } else if (slow && b.sqlPercent() >= SQL_PERCENT) {
                report.candidate(new BottleneckCandidate(SQL, b.route(), GENERIC * b.seconds(DB_QUERY) / total,
                        b.route() + ": " + pct(b.sqlPercent()) + " of time in SQL, " + dec(b.statementsPerRequest())
                                + " statements per request" + duplicates(duplicates),
                        "check the slowest statements' plans and indexes (jdbc.query by type)"));
            }
        }
    }

    /**
     * The N+1 candidate: the route's SQL and other time, times the share of its statements
     * beyond the baseline. Without a statement mean (findings but no statement summary) only
     * the SQL time is claimed.
     */
    private static BottleneckCandidate nPlusOne(RouteBreakdown b, long findings, long duplicates, double total) {
        double sql = b.seconds(DB_QUERY);
        double perRequest = b.statementsPerRequest();
        double own = sql + b.requestSeconds() * nz(b.otherPercent()) / 100;
        double repeated = perRequest > N_PLUS_ONE_BASELINE ? (perRequest - N_PLUS_ONE_BASELINE) / perRequest : 0;
        double claimed = Math.max(sql, own * repeated);
        String found = findings > 0 ? ", " + findings + " N+1 finding" + plural(findings) : "";
        String share = repeated > 0
                ? "; SQL " + pct(b.sqlPercent()) + " + other " + pct(b.otherPercent()) + " of time, "
                        + pct(claimed / b.requestSeconds() * 100) + " from the statements beyond "
                        + num(N_PLUS_ONE_BASELINE)
                : "; SQL " + pct(b.sqlPercent()) + " of time";
        return new BottleneckCandidate(N_PLUS_ONE, b.route(), claimed / total,
                b.route() + ": " + dec(perRequest) + " SQL statements per request" + found + duplicates(duplicates)
                        + share,
                "load the association with the first query (join fetch, entity graph or one IN query)"
                        + " instead of one query per row");
    }

    private static String duplicates(long duplicates) {
        return duplicates > 0 ? ", " + duplicates + " duplicate-query finding" + plural(duplicates) : "";
    }

    private static double nz(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
