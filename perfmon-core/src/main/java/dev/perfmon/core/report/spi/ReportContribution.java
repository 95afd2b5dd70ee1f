package dev.perfmon.core.report.spi;

import dev.perfmon.core.report.CacheSummary;
import dev.perfmon.core.report.PoolSummary;

import java.util.List;

/**
 * Where a {@link Diagnosis} puts what it found: bottleneck candidates and the rows of the
 * report's resource sections. Kept only when the diagnosis returns normally.
 */
public interface ReportContribution {

    /** Adds a candidate to the ranking. */
    void candidate(BottleneckCandidate candidate);

    /** Adds connection pools to the report's pool section (JSON {@code pools}). */
    void pools(List<PoolSummary> pools);

    /**
     * Sets the report's cache section (JSON {@code cacheTotals} and {@code caches}).
     *
     * @param totals every cache together, named {@code all}
     * @param perCache one summary per cache, most gets first
     */
    void caches(CacheSummary totals, List<CacheSummary> perCache);
}
