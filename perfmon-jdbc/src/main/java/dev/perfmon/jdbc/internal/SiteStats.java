package dev.perfmon.jdbc.internal;

/**
 * One statement fingerprint from one call site within one scope: executions, time, and the
 * hashes of their parameter sets. Guarded by the owning {@link ScopeStatements}.
 */
final class SiteStats {

    final String callSite;
    int count;
    long totalNanos;
    /** Full parameter sets: for duplicates. */
    final LongCounts full = new LongCounts();
    /** Parameter sets without paging values: for N+1 ({@code null} when the statement does not page). */
    final LongCounts filter;
    LoadCause cause;

    SiteStats(String callSite, boolean paged) {
        this.callSite = callSite;
        this.filter = paged ? new LongCounts() : null;
    }

    void add(long fullHash, long filterHash, long nanos, LoadCause loadCause) {
        count++;
        totalNanos += nanos;
        full.increment(fullHash);
        if (filter != null) {
            filter.increment(filterHash);
        }
        if (cause == null && loadCause != null) {
            cause = loadCause;
        }
    }

    /** @return distinct parameter sets, paging values left out */
    int distinctParameterSets() {
        return filter != null ? filter.size() : full.size();
    }
}
