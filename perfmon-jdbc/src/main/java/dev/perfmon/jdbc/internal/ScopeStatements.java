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
 * {@link #MAX_FINGERPRINTS} fingerprints, so a long job scope cannot grow without bound.
 */
final class ScopeStatements {

    static final int MAX_FINGERPRINTS = 1000;

    private StatementStats first;
    private Map<String, StatementStats> others;
    private boolean anyRepeated;

    void record(SqlInfo info, long fullHash, long filterHash, int keys, long nanos, LoadCause cause,
                CallSites callSites) {
        StatementStats stats;
        synchronized (this) {
            stats = find(info.fingerprint());
            if (stats == null) {
                add(new StatementStats(info, fullHash, filterHash, keys, nanos, cause));
                return;
            }
            anyRepeated = true;
            if (!stats.wantsCallSite()) {
                stats.repeat(null, fullHash, filterHash, keys, nanos, cause);
                return;
            }
        }
        // The walk runs outside the lock: other threads of the scope keep recording meanwhile.
        String callSite = callSites.find();
        synchronized (this) {
            stats.repeat(callSite, fullHash, filterHash, keys, nanos, cause);
        }
    }

    private StatementStats find(String fingerprint) {
        StatementStats f = first;
        if (f != null && (f.fingerprint == fingerprint || f.fingerprint.equals(fingerprint))) {
            return f;
        }
        return others == null ? null : others.get(fingerprint);
    }

    private void add(StatementStats stats) {
        if (first == null) {
            first = stats;
            return;
        }
        if (others == null) {
            others = new HashMap<>(8);
        }
        if (others.size() + 1 < MAX_FINGERPRINTS) {
            others.put(stats.fingerprint, stats);
        }
    }

    /** @return a snapshot of the fingerprints that repeated, for analysis at scope close */
    synchronized List<StatementStats> repeated() {
        if (!anyRepeated) {
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
