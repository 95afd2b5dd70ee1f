package dev.perfmon.jdbc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One fingerprint within one scope. Its first execution is held aside until the fingerprint
 * repeats (no stack walk for statements that run once), then attributed to the first call site
 * found. Call sites are resolved by stack walk for the first {@link #WALK_FIRST} repetitions, then
 * for every {@link #WALK_EVERY}th up to {@link #SPARSE_AFTER} repetitions, then for every
 * {@link #WALK_SPARSE}th; executions in between count toward the last site seen. A request's
 * loop is walked almost fully, while a job scope running a statement a million times costs a
 * few thousand walks. Guarded by the owning {@link ScopeStatements}.
 */
final class StatementStats {

    static final int WALK_FIRST = 8;
    static final int WALK_EVERY = 16;
    static final int SPARSE_AFTER = 1024;
    static final int WALK_SPARSE = 256;
    static final int MAX_SITES = 32;

    final String fingerprint;
    private final boolean paged;
    private boolean firstPending = true;
    private final long firstFull;
    private final long firstFilter;
    private final long firstNanos;
    private final int firstKeys;
    private LoadCause firstCause;
    private int walks;
    private long repetitions;
    private SiteStats last;
    /** {@code null} until the fingerprint repeats. */
    List<SiteStats> sites;

    StatementStats(SqlInfo info, long fullHash, long filterHash, int keys, long nanos, LoadCause cause) {
        this.fingerprint = info.fingerprint();
        this.paged = info.pagingOrdinals().length > 0 || info.keysetOrdinals().length > 0
                || info.literalsHash() != info.filterLiteralsHash();
        this.firstFull = fullHash;
        this.firstFilter = filterHash;
        this.firstNanos = nanos;
        this.firstKeys = keys;
        this.firstCause = cause;
    }

    /** @return whether the next repetition should resolve its call site by a stack walk */
    boolean wantsCallSite() {
        return walks < WALK_FIRST
                || repetitions % (repetitions < SPARSE_AFTER ? WALK_EVERY : WALK_SPARSE) == 0;
    }

    /** @param callSite the walked call site, or {@code null} to count toward the last one */
    void repeat(String callSite, long fullHash, long filterHash, int keys, long nanos, LoadCause cause) {
        repetitions++;
        SiteStats site = last;
        if (callSite != null || site == null) {
            walks++;
            site = site(callSite == null ? CallSites.UNKNOWN : callSite);
        }
        if (firstPending) {
            firstPending = false;
            site.add(firstFull, firstFilter, firstKeys, firstNanos, firstCause);
            firstCause = null;
        }
        site.add(fullHash, filterHash, keys, nanos, cause);
        last = site;
    }

    private SiteStats site(String callSite) {
        if (sites == null) {
            sites = new ArrayList<>(2);
        }
        for (int i = 0; i < sites.size(); i++) {
            SiteStats s = sites.get(i);
            if (s.callSite.equals(callSite)) {
                return s;
            }
        }
        if (sites.size() >= MAX_SITES) {
            return last != null ? last : sites.get(0);
        }
        SiteStats created = new SiteStats(callSite, paged);
        sites.add(created);
        return created;
    }
}
