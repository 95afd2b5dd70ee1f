package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.core.Segment;
import dev.perfmon.core.report.PoolHolder;
import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.core.report.RouteBreakdown;
import dev.perfmon.core.report.spi.BottleneckCandidate;
import dev.perfmon.core.report.spi.ReportFormat;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pool exhaustion as one candidate. When the pool is full every route that needs a connection
 * waits, whichever route holds them, so the wait is one problem however many routes it shows
 * up on: the score is the {@code db.pool} time of all routes over all request time. The reason
 * names the busiest pool's peak, the routes holding its connections (from its exhaustion events'
 * structured facts) and the routes that waited most; the action points at the holders.
 */
final class PoolWaitRanking {

    /** The kind of the candidate. */
    static final String KIND = "pool.wait";
    private static final String DB_POOL = Segment.DB_POOL.name();
    /** A route spending this share of its own time waiting makes the pool a candidate. */
    static final double ROUTE_WAIT_PERCENT = 10;
    /** Exhaustion episodes keep the pool listed even when no scope timed the wait. */
    static final double EPISODE_FLOOR = 0.1;
    private static final int WAITERS_SHOWN = 3;

    private PoolWaitRanking() {
    }

    /** @return the pool candidate, or null when no route waited noticeably and no episode opened */
    static @Nullable BottleneckCandidate diagnose(List<RouteBreakdown> breakdown, List<PoolSummary> pools, PoolEpisodes episodes,
                                        long episodeCount, double totalSeconds) {
        List<RouteBreakdown> waiters = new ArrayList<>();
        double waitSeconds = 0;
        boolean noticeable = false;
        for (RouteBreakdown b : breakdown) {
            double wait = b.seconds(DB_POOL);
            if (wait > 0) {
                waiters.add(b);
                waitSeconds += wait;
                noticeable |= b.poolWaitPercent() >= ROUTE_WAIT_PERCENT;
            }
        }
        if (!(totalSeconds > 0) || (!noticeable && episodeCount == 0)) {
            return null;
        }
        waiters.sort(Comparator.comparingDouble((RouteBreakdown b) -> b.seconds(DB_POOL))
                .reversed().thenComparing(RouteBreakdown::route));
        double share = waitSeconds / totalSeconds;
        double score = episodeCount > 0 ? Math.max(share, EPISODE_FLOOR) : share;
        PoolSummary pool = busiest(pools, episodes);
        List<String> holders = new ArrayList<>();
        for (PoolHolder h : pool == null ? List.<PoolHolder>of() : pool.mainHolders()) {
            holders.add(h.route());
        }

        StringBuilder reason = new StringBuilder(200);
        String poolText = pool == null ? "" : poolText(pool, episodes.pool(pool.pool()));
        reason.append(poolText);
        if (!holders.isEmpty()) {
            reason.append(poolText.isEmpty() ? "" : "; ").append("connections held by ").append(String.join(", ", holders));
        }
        if (reason.length() > 0) {
            reason.append("; ");
        }
        reason.append(ReportFormat.pct(share * 100)).append(" of request time waiting for a pooled connection");
        appendWaiters(reason, waiters, waitSeconds);
        if (episodeCount > 0) {
            reason.append("; ").append(episodeCount).append(" exhaustion episode")
                    .append(ReportFormat.plural(episodeCount));
        }
        String action = holders.isEmpty()
                ? "find the routes holding connections (pool exhaustion findings) and shorten their holds (no slow"
                        + " or remote work or lock waits inside a transaction), or raise maximumPoolSize"
                : "shorten connection holds in " + String.join(", ", holders) + " (no slow or remote work or lock"
                        + " waits inside a transaction), or raise maximumPoolSize";
        return new BottleneckCandidate(KIND, route(holders, waiters, waitSeconds), score, reason.toString(), action);
    }

    /** The holder when known; else the waiting route when it carries most of the wait; else none. */
    private static String route(List<String> holders, List<RouteBreakdown> waiters, double waitSeconds) {
        if (!holders.isEmpty()) {
            return holders.get(0);
        }
        if (!waiters.isEmpty() && waiters.get(0).seconds(DB_POOL) > waitSeconds / 2) {
            return waiters.get(0).route();
        }
        return "none";
    }

    /** The pool the wait is about: the most episodes, then the most threads waiting, then the most busy. */
    private static @Nullable PoolSummary busiest(List<PoolSummary> pools, PoolEpisodes episodes) {
        PoolSummary busiest = null;
        for (PoolSummary p : pools) {
            if (busiest == null || compare(p, busiest, episodes) > 0) {
                busiest = p;
            }
        }
        return busiest;
    }

    private static int compare(PoolSummary a, PoolSummary b, PoolEpisodes episodes) {
        PoolTally ta = episodes.pool(a.pool());
        PoolTally tb = episodes.pool(b.pool());
        int c = Long.compare(a.episodes(), b.episodes());
        if (c == 0) {
            c = Double.compare(waiting(a, ta), waiting(b, tb));
        }
        return c != 0 ? c : Double.compare(busy(a, ta), busy(b, tb));
    }

    /** {@code pool main: 20/20 busy, 37 waiting}: the gauges' peaks, raised by what the pool's events saw. */
    private static String poolText(PoolSummary pool, @Nullable PoolTally tally) {
        double active = busy(pool, tally);
        double max = !Double.isNaN(pool.maxConnections()) ? pool.maxConnections()
                : tally != null && tally.max() >= 0 ? tally.max() : Double.NaN;
        double waiting = waiting(pool, tally);
        return "pool " + pool.pool() + ": " + ReportFormat.num(active < 0 ? Double.NaN : active) + "/" + ReportFormat.num(max) + " busy, "
                + ReportFormat.num(waiting < 0 ? Double.NaN : waiting) + " waiting";
    }

    /** @return the most connections in use the samples or events saw, -1 if neither knows */
    private static double busy(PoolSummary pool, @Nullable PoolTally tally) {
        return Math.max(known(pool.peakActive()), tally == null ? -1 : tally.busy());
    }

    /** @return the most threads waiting the samples or events saw, -1 if neither knows */
    private static double waiting(PoolSummary pool, @Nullable PoolTally tally) {
        return Math.max(known(pool.peakPending()), tally == null ? -1 : tally.peakWaiting());
    }

    /** {@code ; of that wait GET /a 52 %, GET /b 30 %, +2 more routes}: who waited, as shares of all the wait. */
    private static void appendWaiters(StringBuilder reason, List<RouteBreakdown> waiters, double waitSeconds) {
        if (waiters.isEmpty() || !(waitSeconds > 0)) {
            return;
        }
        if (waiters.size() == 1) {
            reason.append("; all of it in ").append(waiters.get(0).route());
            return;
        }
        reason.append("; of that wait ");
        for (int i = 0; i < Math.min(WAITERS_SHOWN, waiters.size()); i++) {
            RouteBreakdown b = waiters.get(i);
            reason.append(i > 0 ? ", " : "").append(b.route()).append(' ')
                    .append(ReportFormat.pct(b.seconds(DB_POOL) / waitSeconds * 100));
        }
        if (waiters.size() > WAITERS_SHOWN) {
            int more = waiters.size() - WAITERS_SHOWN;
            reason.append(", +").append(more).append(" more route").append(ReportFormat.plural(more));
        }
    }

    private static double known(double value) {
        return Double.isNaN(value) ? -1 : value;
    }
}
