package dev.perfmon.jdbc.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements one data source ran in one request scope, by fingerprint: the state the N+1
 * detector attaches to the scope. The first fingerprint is held in a field and the map is only
 * created for a second one, so a scope that runs one kind of statement allocates little.
 * Thread-safe (a scope may hop threads); the stack walk runs outside the lock. Holds at most
 * {@link #MAX_FINGERPRINTS} fingerprints and what its {@link StateBudget} allows, so a long job
 * scope cannot grow without bound: executions of fingerprints it can no longer track are only
 * counted ({@link #untracked()}).
 */
final class ScopeStatements {

    static final int MAX_FINGERPRINTS = 1000;

    private StatementStats first;
    private Map<String, StatementStats> others;
    private boolean anyResolved;
    private final StateBudget budget;
    private long untracked;
    /** Set once a fingerprint was refused: later ones are refused too, so none is tracked from midway. */
    private boolean closed;

    ScopeStatements(long maxBytes) {
        this.budget = new StateBudget(maxBytes);
    }

    void record(SqlInfo info, long fullHash, long filterHash, int keys, long[] cursors, long nanos, LoadCause cause,
                Attribution attribution) {
        StatementStats stats;
        boolean traceFits;
        synchronized (this) {
            stats = find(info.fingerprint());
            traceFits = budget.used() + StateBudget.TRACE_BYTES <= budget.limit();
        }
        // The stack is read outside the lock: other threads of the scope keep recording meanwhile.
        // Once a finding is possible, the call site is walked now; before, the cheap trace is kept.
        String callSite = stats != null && stats.resolved() ? attribution.callSites.find() : null;
        // A statement that ran once in each of many scopes is not traced on its first execution.
        boolean untracedFirst = stats == null && info.singleShot();
        CallerTrace trace = callSite == null && traceFits && !untracedFirst ? new CallerTrace() : null;
        synchronized (this) {
            stats = find(info.fingerprint());
            if (stats == null) {
                stats = new StatementStats(info, budget);
                if (!add(stats)) {
                    untracked++;
                    return;
                }
                stats.untracedFirst = untracedFirst;
            }
            if (cursors != null) {
                stats.cursors(cursors);
            }
            if (stats.resolved()) {
                String site = callSite != null ? callSite
                        : trace != null ? attribution.callSites.find(trace) : null;
                if (site == null) {
                    site = CallSites.UNKNOWN;
                    stats.partial = true;
                }
                stats.add(site, fullHash, filterHash, keys, nanos, cause);
            } else if (stats.hold(trace, fullHash, filterHash, keys, nanos, cause,
                    attribution.minExecutions, attribution.minDuplicates)) {
                stats.resolve(attribution.callSites);
                anyResolved = true;
            }
        }
    }

    private StatementStats find(String fingerprint) {
        StatementStats f = first;
        if (f != null && (f.fingerprint == fingerprint || f.fingerprint.equals(fingerprint))) {
            return f;
        }
        return others == null ? null : others.get(fingerprint);
    }

    /** @return whether {@code stats} is tracked (false past {@link #MAX_FINGERPRINTS} or the budget) */
    private boolean add(StatementStats stats) {
        if (closed || (others != null && others.size() + 1 >= MAX_FINGERPRINTS)
                || !budget.tryTake(StateBudget.STATEMENT_BYTES + stats.fingerprint.length())) {
            closed = true;
            return false;
        }
        if (first == null) {
            first = stats;
            return true;
        }
        if (others == null) {
            others = new HashMap<>(8);
        }
        others.put(stats.fingerprint, stats);
        return true;
    }

    /** Teaches each statement's {@link SqlInfo} how often it ran in this scope. */
    synchronized void learn() {
        if (first != null) {
            first.info.ranInScope(first.count);
        }
        if (others != null) {
            for (StatementStats stats : others.values()) {
                stats.info.ranInScope(stats.count);
            }
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
        List<StatementStats> result = new ArrayList<>();
        if (first != null) {
            result.add(first);
        }
        if (others != null) {
            result.addAll(others.values());
        }
        return result;
    }

    /** @return a snapshot of the fingerprints that could make a finding, for analysis at scope close */
    synchronized List<StatementStats> repeated() {
        if (!anyResolved) {
            return List.of();
        }
        List<StatementStats> result = new ArrayList<>();
        if (first.sites != null) {
            result.add(first);
        }
        if (others != null) {
            for (StatementStats stats : others.values()) {
                if (stats.sites != null) {
                    result.add(stats);
                }
            }
        }
        return result;
    }
}
