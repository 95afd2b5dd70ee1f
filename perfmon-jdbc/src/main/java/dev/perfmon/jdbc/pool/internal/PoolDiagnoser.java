package dev.perfmon.jdbc.pool.internal;

import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.core.report.spi.BottleneckCandidate;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.ReportContribution;
import dev.perfmon.core.report.spi.ReportFormat;

import java.util.List;

/**
 * The pool part of a report: the pools' rows, the pool-wait candidate ({@link PoolWaitRanking})
 * and one candidate per pool whose acquisitions timed out. Timeouts are not a time share, so
 * they get a fixed weight below that of a dominant one.
 */
public final class PoolDiagnoser {

    /** The kind of the timeout candidate. */
    static final String TIMEOUTS = "pool.timeouts";
    private static final double TIMEOUT_SCORE = 0.3;

    private PoolDiagnoser() {
    }

    public static void diagnose(DiagnosisContext context, ReportContribution report) {
        PoolEpisodes episodes = PoolEpisodes.of(context.events());
        List<PoolSummary> pools = PoolSummaries.of(context.window(), episodes);
        report.pools(pools);
        BottleneckCandidate wait = PoolWaitRanking.diagnose(context.breakdown(), pools, episodes,
                PoolSummaries.episodes(context.window(), episodes), context.totalRequestSeconds());
        if (wait != null) {
            report.candidate(wait);
        }
        for (PoolSummary pool : pools) {
            if (pool.timeouts() > 0) {
                report.candidate(new BottleneckCandidate(TIMEOUTS, "none", TIMEOUT_SCORE,
                        "pool " + pool.pool() + ": " + pool.timeouts() + " connection timeout"
                                + ReportFormat.plural(pool.timeouts()) + "; " + ReportFormat.num(pool.peakActive()) + "/"
                                + ReportFormat.num(pool.maxConnections()) + " busy at peak",
                        "find who holds connections (pool exhaustion findings), then raise maximumPoolSize"));
            }
        }
    }
}
