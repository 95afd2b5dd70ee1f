package dev.perfmon.jdbc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One fingerprint within one scope. Every execution is credited to its own call site, so each
 * site's count is exact. While the fingerprint is short of any finding (fewer executions than
 * the N+1 threshold, no parameter set repeated up to the duplicate threshold), executions are
 * held as pending, each with its {@link CallerTrace}; the traces are turned into call sites the
 * moment a finding becomes possible, and from then on each execution's call site is walked when
 * it runs. A fingerprint that never gets there (most of them) costs no stack walk at all.
 * Guarded by the owning {@link ScopeStatements}.
 */
final class StatementStats {

    static final int MAX_SITES = 32;

    final String fingerprint;
    private final boolean paged;
    /** Every execution recorded, pending or credited to a site. */
    int count;
    private Pending pending;
    /** {@code null} until a finding is possible; then every execution is in one of these. */
    List<SiteStats> sites;

    StatementStats(SqlInfo info) {
        this.fingerprint = info.fingerprint();
        this.paged = info.pagingOrdinals().length > 0 || info.keysetOrdinals().length > 0
                || info.literalsHash() != info.filterLiteralsHash();
    }

    /** @return whether call sites are resolved per execution (a finding is possible) */
    boolean resolved() {
        return sites != null;
    }

    /**
     * Holds one execution until a finding is possible.
     *
     * @param trace its stack, or {@code null} when none could be kept (it then counts as {@link CallSites#UNKNOWN})
     * @return whether a finding is now possible: {@code minExecutions} reached, or one parameter
     *     set run {@code minDuplicates} times; the caller then {@link #resolve resolves} the sites
     */
    boolean hold(CallerTrace trace, long fullHash, long filterHash, int keys, long nanos, LoadCause cause,
                 int minExecutions, int minDuplicates) {
        count++;
        if (pending == null) {
            pending = new Pending();
        }
        int same = pending.add(trace, fullHash, filterHash, keys, nanos, cause);
        return count >= minExecutions || same >= minDuplicates;
    }

    /** Credits every pending execution to the call site its trace names. */
    void resolve(CallSites callSites) {
        sites = new ArrayList<>(2);
        Pending held = pending;
        pending = null;
        if (held == null) {
            return;
        }
        for (int i = 0; i < held.size; i++) {
            CallerTrace trace = held.traces[i];
            String callSite = trace == null ? CallSites.UNKNOWN : callSites.find(trace);
            site(callSite).add(held.full[i], held.filter[i], held.keys[i], held.nanos[i], held.causes[i]);
        }
    }

    /** Credits one execution to {@code callSite}, once {@link #resolved()}. */
    void add(String callSite, long fullHash, long filterHash, int keys, long nanos, LoadCause cause) {
        count++;
        site(callSite).add(fullHash, filterHash, keys, nanos, cause);
    }

    private SiteStats site(String callSite) {
        for (int i = 0; i < sites.size(); i++) {
            SiteStats s = sites.get(i);
            if (s.callSite.equals(callSite)) {
                return s;
            }
        }
        if (sites.size() >= MAX_SITES - 1 && !callSite.equals(CallSites.OTHER)) {
            return site(CallSites.OTHER);
        }
        SiteStats created = new SiteStats(callSite, paged);
        sites.add(created);
        return created;
    }

    /** Executions waiting for their call sites, in arrays that double as they fill. */
    private static final class Pending {
        int size;
        CallerTrace[] traces = new CallerTrace[4];
        long[] full = new long[4];
        long[] filter = new long[4];
        long[] nanos = new long[4];
        int[] keys = new int[4];
        LoadCause[] causes = new LoadCause[4];

        /** @return how many held executions, this one included, have its full parameter set */
        int add(CallerTrace trace, long fullHash, long filterHash, int keyCount, long time, LoadCause cause) {
            if (size == traces.length) {
                int length = size * 2;
                traces = java.util.Arrays.copyOf(traces, length);
                full = java.util.Arrays.copyOf(full, length);
                filter = java.util.Arrays.copyOf(filter, length);
                nanos = java.util.Arrays.copyOf(nanos, length);
                keys = java.util.Arrays.copyOf(keys, length);
                causes = java.util.Arrays.copyOf(causes, length);
            }
            int same = 1;
            for (int i = 0; i < size; i++) {
                if (full[i] == fullHash) {
                    same++;
                }
            }
            traces[size] = trace;
            full[size] = fullHash;
            filter[size] = filterHash;
            nanos[size] = time;
            keys[size] = keyCount;
            causes[size] = cause;
            size++;
            return same;
        }
    }
}
