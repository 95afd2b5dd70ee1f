package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements one data source ran in one request scope, by fingerprint: the state the N+1
 * detector attaches to the scope. Fingerprints sit in an array, searched in place while there
 * are few and through a map once there are many. The state is reused with its scope
 * ({@link #recycle}): the array keeps the emptied {@link StatementStats} of earlier scopes past
 * its tracked ones and hands them out again, so a steady-state request allocates nothing here.
 * Thread-safe (a scope may hop threads); the stack walk runs outside the lock. Holds at most
 * {@link #MAX_FINGERPRINTS} fingerprints and what its {@link StateBudget} allows, so a long job
 * scope cannot grow without bound: executions of fingerprints it can no longer track are only
 * counted ({@link #untracked()}).
 */
final class ScopeStatements {

    static final int MAX_FINGERPRINTS = 1000;

    /** Past this many fingerprints, lookups go through {@link #index}. */
    static final int LINEAR_SEARCH = 8;
    /** A state that tracked more fingerprints than this is not kept for the next scope of its thread. */
    static final int MAX_REUSED = 64;

    /** Tracked fingerprints in {@code [0, size)}; past it, emptied ones from earlier scopes, to reuse. */
    private StatementStats[] all = new StatementStats[4];
    private int size;
    /** By fingerprint, once more than {@link #LINEAR_SEARCH} are tracked. */
    private @Nullable Map<String, StatementStats> index;
    private boolean anyResolved;
    private final StateBudget budget;
    private long untracked;
    /** Set once a fingerprint was refused: later ones are refused too, so none is tracked from midway. */
    private boolean closed;

    ScopeStatements(long maxBytes) {
        this.budget = new StateBudget(maxBytes);
    }

    /**
     * Empties the state of a closed scope for the next scope of the same thread.
     *
     * @return whether it is worth keeping (false once it tracked many fingerprints)
     */
    static boolean recycle(ScopeStatements statements) {
        return statements.empty();
    }

    private synchronized boolean empty() {
        if (all.length > MAX_REUSED) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            all[i].empty();
        }
        size = 0;
        index = null;
        anyResolved = false;
        untracked = 0;
        closed = false;
        budget.reset();
        return true;
    }

    void record(SqlInfo info, long fullHash, long filterHash, int keys, long @Nullable [] cursors, long nanos, @Nullable LoadCause cause,
                Attribution attribution) {
        // Read before the lock: one int of the shape's cached learning.
        int untracedRuns = info.untracedRuns();
        StatementStats stats;
        boolean resolved;
        boolean untraced;
        boolean traceFits;
        int searched;
        @Nullable String held;
        synchronized (this) {
            stats = find(info, 0);
            resolved = stats != null && stats.resolved();
            // A shape that never ran more than k times per scope, quietly, in the last scopes is not
            // traced for its first k executions here (ScopeRuns): most scopes stop there.
            untraced = !resolved && (stats == null ? 0 : stats.count) < untracedRuns;
            traceFits = budget.used() + StateBudget.TRACE_BYTES <= budget.limit();
            if (!resolved && (untraced || !traceFits)) {
                // No stack to read: the execution is applied in this same hold of the lock.
                apply(stats, info, null, null, untraced, fullHash, filterHash, keys, cursors, nanos, cause, attribution);
                return;
            }
            searched = size;
            held = stats == null ? null : stats.fingerprint;
        }
        // The stack is read outside the lock: other threads of the scope keep recording meanwhile.
        // Once a finding is possible, the call site is walked now; before, the cheap trace is kept.
        String callSite = resolved ? attribution.callSites.find() : null;
        CallerTrace trace = resolved ? null : new CallerTrace();
        synchronized (this) {
            // A fingerprint's state stays in place while its scope is open, so only one added
            // meanwhile (by another thread of the scope) is searched for; a state emptied meanwhile
            // (the scope closed and its state was reused) no longer tracks the fingerprint's text.
            if (stats == null) {
                stats = find(info, searched);
            } else if (stats.fingerprint != held) {
                stats = find(info, 0);
            }
            apply(stats, info, callSite, trace, untraced, fullHash, filterHash, keys, cursors, nanos, cause, attribution);
        }
    }

    /**
     * Applies one execution to its fingerprint's state, adding it if new. Called holding the lock.
     *
     * @param stats the fingerprint's state found, {@code null} if not tracked yet
     * @param callSite the call site walked for it, if its fingerprint was resolved when it started
     * @param trace its captured stack, if one was captured
     */
    private void apply(@Nullable StatementStats stats, SqlInfo info, @Nullable String callSite, @Nullable CallerTrace trace,
                       boolean untraced, long fullHash, long filterHash, int keys, long @Nullable [] cursors, long nanos,
                       @Nullable LoadCause cause, Attribution attribution) {
        if (stats == null) {
            stats = add(info);
            if (stats == null) {
                untracked++;
                return;
            }
        }
        if (cursors != null) {
            stats.cursors(cursors);
        }
        if (stats.resolved()) {
            // Resolved since the first look (another thread of the scope): what was read counts.
            String site = callSite != null ? callSite
                    : trace != null ? attribution.callSites.find(trace) : null;
            if (site != null) {
                stats.traced++;
            } else if (untraced) {
                site = CallSites.UNKNOWN;
                stats.untraced++;
            } else {
                site = CallSites.UNKNOWN;
                stats.partial = true;
            }
            stats.add(site, fullHash, filterHash, keys, nanos, cause);
        } else if (stats.hold(trace, untraced, fullHash, filterHash, keys, nanos, cause,
                attribution.minExecutions, attribution.minDuplicates)) {
            stats.resolve(attribution.callSites);
            anyResolved = true;
        }
    }

    /**
     * @param from how many tracked fingerprints an earlier search under the same open scope
     *     already ruled out (0 for all); ignored once lookups go through {@link #index}
     */
    private @Nullable StatementStats find(SqlInfo info, int from) {
        String fingerprint = info.fingerprint();
        if (index != null) {
            return index.get(fingerprint);
        }
        StatementStats[] tracked = all;
        int hash = fingerprint.hashCode();
        for (int i = from <= size ? from : 0; i < size; i++) {
            StatementStats candidate = tracked[i];
            // The SQL cache hands out one SqlInfo per shape, so the same statement is usually the
            // same instance; fingerprints of other shapes (often of one length, sharing a long
            // prefix) are told apart by their cached hash before their text is compared.
            if (candidate.info == info || candidate.fingerprint == fingerprint
                    || candidate.fingerprintHash == hash && candidate.fingerprint.equals(fingerprint)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * @return the new fingerprint's state (an emptied one reused when there is one), or
     *     {@code null} past {@link #MAX_FINGERPRINTS} or the budget
     */
    private @Nullable StatementStats add(SqlInfo info) {
        if (closed || size >= MAX_FINGERPRINTS
                || !budget.tryTake(StateBudget.STATEMENT_BYTES + info.fingerprint().length())) {
            closed = true;
            return null;
        }
        if (size == all.length) {
            all = Arrays.copyOf(all, size * 2);
        }
        StatementStats stats = all[size];
        if (stats == null) {
            stats = new StatementStats(budget);
            all[size] = stats;
        }
        stats.start(info);
        size++;
        if (index != null) {
            index.put(stats.fingerprint, stats);
        } else if (size > LINEAR_SEARCH) {
            index = new HashMap<>(4 * size);
            for (int i = 0; i < size; i++) {
                index.put(all[i].fingerprint, all[i]);
            }
        }
        return stats;
    }

    /** Teaches each statement's {@link SqlInfo} how often it ran in this scope, and whether quietly. */
    synchronized void learn() {
        for (int i = 0; i < size; i++) {
            StatementStats stats = all[i];
            stats.info.ranInScope(stats.count, stats.quiet());
        }
    }

    /** @return executions of fingerprints first seen past the limits: counted, not analysed */
    synchronized long untracked() {
        return untracked;
    }

    /** @return the bytes of detector state this scope holds, by {@link StateBudget}'s account */
    synchronized long stateBytes() {
        return budget.used();
    }

    /** @return a snapshot of every fingerprint tracked */
    synchronized List<StatementStats> tracked() {
        return new ArrayList<>(Arrays.asList(all).subList(0, size));
    }

    /** @return a snapshot of the fingerprints that could make a finding, for analysis at scope close */
    synchronized List<StatementStats> repeated() {
        if (!anyResolved) {
            return List.of();
        }
        List<StatementStats> result = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (all[i].resolved()) {
                result.add(all[i]);
            }
        }
        return result;
    }
}
