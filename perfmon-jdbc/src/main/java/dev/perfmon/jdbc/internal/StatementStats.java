package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * One fingerprint within one scope. Every execution is credited to its own call site, so each
 * site's count is exact. While the fingerprint is short of any finding (fewer executions than
 * the N+1 threshold, no parameter set repeated up to the duplicate threshold), executions are
 * held as pending, each with its {@link CallerTrace}; the traces are turned into call sites the
 * moment a finding becomes possible, and from then on each execution's call site is walked when
 * it runs. A fingerprint that never gets there (most of them) costs no stack walk at all.
 * Everything it holds is taken from the scope's {@link StateBudget}; what the budget refuses is
 * folded (an execution without a site, a trace not kept, a table not grown) and
 * {@link #unattributed} and {@link #partial} say so, while {@link #count} stays exact.
 * Guarded by the owning {@link ScopeStatements}.
 */
final class StatementStats {

    static final int MAX_SITES = 32;
    /** The sites of a statement whose executions are still held, not credited to call sites. */
    private static final List<SiteStats> UNRESOLVED = List.of();
    /** What an emptied state tracks until it is started again. */
    static final SqlInfo NO_STATEMENT = TimedStatement.EMPTY_BATCH;

    /** The statement's fingerprint and analysis; both {@code null} while emptied for reuse. */
    String fingerprint = NO_STATEMENT.fingerprint();
    /** {@link #fingerprint}'s hash, compared before its text when fingerprints are searched. */
    int fingerprintHash = fingerprint.hashCode();
    SqlInfo info = NO_STATEMENT;
    private boolean paged;
    private final StateBudget budget;
    /** Every execution recorded, pending or credited to a site, or folded. */
    int count;
    /** Executions the budget left without a call site. */
    int unattributed;
    /** Whether the budget refused this fingerprint anything (a trace, a site, a held execution). */
    boolean partial;
    /** The first execution, held until a finding is possible (its trace {@code null} if not captured). */
    private @Nullable CallerTrace firstTrace;
    private long firstFull;
    private long firstFilter;
    private int firstKeys;
    private long firstNanos;
    private @Nullable LoadCause firstCause;
    /**
     * Executions not traced because the shape had never run more often per scope
     * ({@link ScopeRuns}); they count at {@link CallSites#UNKNOWN}, and are not {@link #partial}.
     */
    int untraced;
    /** The call site of the first execution after the untraced ones: their N+1 group, if they make one. */
    @Nullable String afterUntraced;
    /** Executions whose stack was captured or walked (what the untraced ones save). */
    int traced;
    /** Whether one parameter set ran twice here: the scope came near a duplicate. */
    private boolean repeatedSet;
    /** Executions from the second on, held until a finding is possible. */
    private @Nullable Pending pending;
    /** Emptied arrays of an earlier scope's pending executions, taken again before new ones are made. */
    private @Nullable Pending sparePending;
    /** How the keyset cursors moved, {@code null} unless the statement has the shape of keyset paging. */
    private @Nullable CursorTrend cursorTrend;
    /** {@link #UNRESOLVED} until a finding is possible; then every execution is in one of these. */
    List<SiteStats> sites = UNRESOLVED;

    StatementStats(SqlInfo info, StateBudget budget) {
        this(budget);
        start(info);
    }

    /** An emptied state, {@linkplain #start started} when a fingerprint needs it. */
    StatementStats(StateBudget budget) {
        this.budget = budget;
    }

    /** Begins tracking {@code info}'s fingerprint in a new or emptied state. */
    void start(SqlInfo info) {
        this.info = info;
        this.fingerprint = info.fingerprint();
        this.fingerprintHash = fingerprint.hashCode();
        this.paged = info.pagingOrdinals().length > 0 || info.keysetOrdinals().length > 0
                || info.literalsHash() != info.filterLiteralsHash();
    }

    /**
     * Forgets the scope it served, keeping only what the next fingerprint can reuse (the pending
     * arrays): no statement, trace, cause or call site of the request stays reachable.
     */
    void empty() {
        info = NO_STATEMENT;
        fingerprint = NO_STATEMENT.fingerprint();
        firstTrace = null;
        firstCause = null;
        untraced = 0;
        traced = 0;
        // The rest is only ever set by a second execution, a finding made possible, keyset
        // cursors or a refusal of the budget: a statement run once, the common case, skips it.
        if (count > 1 || sites != UNRESOLVED || partial || cursorTrend != null) {
            unattributed = 0;
            partial = false;
            afterUntraced = null;
            repeatedSet = false;
            cursorTrend = null;
            sites = UNRESOLVED;
            if (pending != null) {
                pending.clear();
                keepSpare(pending);
                pending = null;
            }
        }
        count = 0;
    }

    /** Follows the keyset cursors bound for one execution. */
    void cursors(long[] values) {
        if (cursorTrend == null) {
            if (!budget.tryTake(CursorTrend.bytes(values.length))) {
                partial = true;
                return;
            }
            cursorTrend = new CursorTrend(values.length);
        }
        cursorTrend.add(values);
    }

    /** @return whether the statement has the shape of keyset paging but a cursor jumped back and forth */
    boolean perRowCursors() {
        return cursorTrend != null && cursorTrend.perRow();
    }

    /** @return whether call sites are resolved per execution (a finding is possible) */
    boolean resolved() {
        return sites != UNRESOLVED;
    }

    /**
     * @return whether this scope stayed short of any finding for the statement: not resolved,
     *     no parameter set repeated, no execution folded (its parameters unseen)
     */
    boolean quiet() {
        return !resolved() && !repeatedSet && unattributed == 0;
    }

    /**
     * Holds one execution until a finding is possible.
     *
     * @param trace its stack, or {@code null} when it was not captured or the budget had no room
     *     for it (it then counts as {@link CallSites#UNKNOWN})
     * @param untracedRun whether it was left untraced on purpose ({@link ScopeRuns}), not for the budget
     * @return whether a finding is now possible: {@code minExecutions} reached, or one parameter
     *     set run {@code minDuplicates} times; the caller then {@link #resolve resolves} the sites
     */
    boolean hold(@Nullable CallerTrace trace, boolean untracedRun, long fullHash, long filterHash, int keys, long nanos,
                 @Nullable LoadCause cause, int minExecutions, int minDuplicates) {
        count++;
        if (trace != null) {
            traced++;
            if (!budget.tryTake(StateBudget.TRACE_BYTES)) {
                trace = null;
            }
        }
        if (untracedRun) {
            untraced++;
        } else if (trace == null) {
            partial = true;
        }
        if (count == 1) {
            // The first execution is held in fields: most statements run once per scope.
            firstTrace = trace;
            firstFull = fullHash;
            firstFilter = filterHash;
            firstKeys = keys;
            firstNanos = nanos;
            firstCause = cause;
            return count >= minExecutions;
        }
        if (pending == null) {
            Pending spare = sparePending;
            if (!budget.tryTake((long) (spare == null ? 4 : spare.traces.length) * StateBudget.PENDING_SLOT_BYTES)) {
                return fold(minExecutions);
            }
            pending = spare != null ? spare : new Pending();
            sparePending = null;
        } else if (pending.size == pending.traces.length
                && !budget.tryTake((long) pending.size * StateBudget.PENDING_SLOT_BYTES)) {
            return fold(minExecutions);
        }
        int same = pending.add(trace, fullHash, filterHash, keys, nanos, cause) + (firstFull == fullHash ? 1 : 0);
        repeatedSet |= same > 1;
        return count >= minExecutions || same >= minDuplicates;
    }

    private boolean fold(int minExecutions) {
        unattributed++;
        partial = true;
        return count >= minExecutions;
    }

    /** Credits every held execution to the call site its trace names. */
    void resolve(CallSites callSites) {
        sites = new ArrayList<>(2);
        // Read every trace first and return what they took, so their room can hold the sites.
        String first = firstTrace == null ? CallSites.UNKNOWN : callSites.find(firstTrace);
        long freed = firstTrace == null ? 0 : StateBudget.TRACE_BYTES;
        firstTrace = null;
        Pending held = pending;
        pending = null;
        if (held == null) {
            budget.give(freed);
            creditFirst(first);
            return;
        }
        String[] names = new String[held.size];
        for (int i = 0; i < held.size; i++) {
            CallerTrace trace = held.traces[i];
            names[i] = trace == null ? CallSites.UNKNOWN : callSites.find(trace);
            freed += trace == null ? 0 : StateBudget.TRACE_BYTES;
        }
        if (untraced > 0 && untraced <= names.length) {
            // The untraced executions came first: the one after them (held execution 'untraced' of
            // first + pending) is the first whose site is known.
            afterUntraced = names[untraced - 1];
        }
        budget.give(freed + (long) held.traces.length * StateBudget.PENDING_SLOT_BYTES);
        creditFirst(first);
        for (int i = 0; i < names.length; i++) {
            credit(names[i], held.full[i], held.filter[i], held.keys[i], held.nanos[i], held.causes[i]);
        }
        held.clear();
        keepSpare(held);
    }

    private void creditFirst(String callSite) {
        credit(callSite, firstFull, firstFilter, firstKeys, firstNanos, firstCause);
        firstCause = null;
    }

    /** Keeps emptied pending arrays for the next fingerprint unless they grew past what is worth keeping per thread. */
    private void keepSpare(Pending emptied) {
        if (emptied.traces.length <= Pending.MAX_REUSED) {
            sparePending = emptied;
        }
    }

    /** Credits one execution to {@code callSite}, once {@link #resolved()}. */
    void add(String callSite, long fullHash, long filterHash, int keys, long nanos, @Nullable LoadCause cause) {
        count++;
        if (untraced > 0 && afterUntraced == null && !callSite.equals(CallSites.UNKNOWN)) {
            afterUntraced = callSite;
        }
        credit(callSite, fullHash, filterHash, keys, nanos, cause);
    }

    private void credit(String callSite, long fullHash, long filterHash, int keys, long nanos, @Nullable LoadCause cause) {
        SiteStats site = site(callSite);
        if (site == null) {
            unattributed++;
            partial = true;
            return;
        }
        site.add(fullHash, filterHash, keys, nanos, cause);
    }

    /** @return the site's state, created if the limits allow, else {@link CallSites#OTHER}'s, else {@code null} */
    private @Nullable SiteStats site(String callSite) {
        for (int i = 0; i < sites.size(); i++) {
            SiteStats s = sites.get(i);
            if (s.callSite.equals(callSite)) {
                return s;
            }
        }
        boolean other = callSite.equals(CallSites.OTHER);
        if (sites.size() >= MAX_SITES - 1 && !other) {
            return site(CallSites.OTHER);
        }
        if (!budget.tryTake(SiteStats.bytes(paged))) {
            partial = true;
            return other ? null : site(CallSites.OTHER);
        }
        SiteStats created = new SiteStats(callSite, paged, budget);
        sites.add(created);
        return created;
    }

    /** Executions waiting for their call sites, in arrays that double as they fill. */
    private static final class Pending {
        static final int MAX_REUSED = 16;
        int size;
        @Nullable CallerTrace[] traces = new CallerTrace[4];
        long[] full = new long[4];
        long[] filter = new long[4];
        long[] nanos = new long[4];
        int[] keys = new int[4];
        @Nullable LoadCause[] causes = new LoadCause[4];

        /** Drops the held executions' traces and causes, keeping the arrays. */
        void clear() {
            java.util.Arrays.fill(traces, 0, size, null);
            java.util.Arrays.fill(causes, 0, size, null);
            size = 0;
        }

        /** @return how many held executions, this one included, have its full parameter set */
        int add(@Nullable CallerTrace trace, long fullHash, long filterHash, int keyCount, long time, @Nullable LoadCause cause) {
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
