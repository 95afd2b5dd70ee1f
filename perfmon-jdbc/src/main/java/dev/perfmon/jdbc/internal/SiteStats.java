package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

/**
 * One statement fingerprint from one call site within one scope: executions, time, and the
 * hashes of their parameter sets. Guarded by the owning {@link ScopeStatements}.
 */
final class SiteStats {

    final String callSite;
    int count;
    long totalNanos;
    /** Full parameter sets: for duplicates. */
    final LongCounts full;
    /** Parameter sets without paging values: for N+1 ({@code null} when the statement does not page). */
    final @Nullable LongCounts filter;
    @Nullable LoadCause cause;
    /** The most keys one execution looked up (IN-list values, array elements; 1 for a single-row lookup). */
    int maxKeys;

    /** @return the executions of {@code sites} together, as one group (the first site's name, causes, paging) */
    static SiteStats merge(java.util.List<SiteStats> sites) {
        SiteStats first = sites.get(0);
        SiteStats merged = new SiteStats(first.callSite, first.filter != null, null);
        for (SiteStats site : sites) {
            merged.count += site.count;
            merged.totalNanos += site.totalNanos;
            merged.full.addAll(site.full);
            if (merged.filter != null && site.filter != null) {
                merged.filter.addAll(site.filter);
            }
            merged.maxKeys = Math.max(merged.maxKeys, site.maxKeys);
            if (merged.cause == null) {
                merged.cause = site.cause;
            }
        }
        return merged;
    }

    /** @param budget what its parameter tables may grow into, or {@code null} for a transient merge */
    SiteStats(String callSite, boolean paged, @Nullable StateBudget budget) {
        this.callSite = callSite;
        this.full = new LongCounts(budget);
        this.filter = paged ? new LongCounts(budget) : null;
    }

    /** @return the account of a new site, for its creator to take from the budget */
    static int bytes(boolean paged) {
        return StateBudget.SITE_BYTES + LongCounts.initialBytes() * (paged ? 2 : 1);
    }

    /** @return whether a parameter table dropped hashes (its distinct count is a lower bound) */
    boolean saturated() {
        return full.saturated() || (filter != null && filter.saturated());
    }

    void add(long fullHash, long filterHash, int keys, long nanos, @Nullable LoadCause loadCause) {
        count++;
        if (keys > maxKeys) {
            maxKeys = keys;
        }
        totalNanos += nanos;
        full.increment(fullHash);
        if (filter != null) {
            filter.increment(filterHash);
        }
        if (cause == null && loadCause != null) {
            cause = loadCause;
        }
    }

    /**
     * Batching judged from what ran: the executions looked up several keys each, and there were
     * at most twice as many executions as the widest one carried keys (chunks of 4 over 20 ids: 5
     * round trips). Many narrow lookups ({@code pet_id in (?, ?)} once per owner of 8, a batch
     * loader fetching one key at a time) are not batched, whatever the mapping says.
     */
    boolean batched() {
        return maxKeys >= 2 && count <= 2L * maxKeys;
    }

    /** @return distinct parameter sets, paging values left out */
    int distinctParameterSets() {
        return filter != null ? filter.size() : full.size();
    }
}
