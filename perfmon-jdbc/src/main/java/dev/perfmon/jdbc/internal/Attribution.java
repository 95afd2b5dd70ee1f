package dev.perfmon.jdbc.internal;

/**
 * What a scope's statement state needs from the detector's configuration: how to find call
 * sites, and the thresholds below which no finding is possible (so call sites need not be
 * resolved yet). Immutable, one per detector.
 */
final class Attribution {

    final CallSites callSites;
    final int minExecutions;
    final int minDuplicates;

    Attribution(CallSites callSites, int minExecutions, int minDuplicates) {
        this.callSites = callSites;
        this.minExecutions = Math.max(1, minExecutions);
        this.minDuplicates = Math.max(1, minDuplicates);
    }
}
