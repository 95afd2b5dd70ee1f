package dev.perfmon.jdbc.internal;

import org.jspecify.annotations.Nullable;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeHook;
import dev.perfmon.core.ScopeKey;
import dev.perfmon.core.event.Severity;
import dev.perfmon.jdbc.DuplicateQuery;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.NPlusOneDetected;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds N+1 and duplicate statements per request scope for one data source: statements are
 * recorded into a scope attachment as they run, and analysed by this {@link ScopeHook} when the
 * scope closes, which counts and publishes the findings.
 */
public final class NPlusOneDetector implements ScopeHook {

    static final String JDBC_SUGGESTION =
            "fetching the rows in one statement (a join or an IN list) instead of one statement per row";
    static final String DUPLICATE_SUGGESTION =
            "reusing the first result within the request instead of running the same statement again";

    private final PerfMon perfMon;
    private final String dataSource;
    private final NPlusOneConfig config;
    private final long floorNanos;
    private final Attribution attribution;
    private final FindingReporter reporter;
    private final ScopeKey<ScopeStatements> key;

    public NPlusOneDetector(PerfMon perfMon, String dataSource, NPlusOneConfig config) {
        this.perfMon = perfMon;
        this.dataSource = dataSource;
        this.config = config;
        this.floorNanos = config.severityFloor().toNanos();
        this.attribution = new Attribution(new CallSites(config.ignoredFrames(), config.applicationPackages()),
                config.minExecutions(), config.minDuplicateExecutions());
        this.reporter = new FindingReporter(perfMon, dataSource);
        long maxStateBytes = config.maxStateBytesPerScope();
        this.key = ScopeKey.reusable("perfmon.jdbc.statements[" + dataSource + "]",
                () -> new ScopeStatements(maxStateBytes), ScopeStatements::recycle);
    }

    /** Records one round trip in the scope. */
    void onStatement(RequestScope scope, SqlInfo info, long fullHash, long filterHash, int keys, long @Nullable [] cursors,
                     long nanos) {
        LoadCause cause = LoadCauses.take();
        if (info.keyFetch() || PauseState.isPaused(scope)) {
            // Key fetches repeat by design. Batching is judged from the keys each execution carried,
            // never from mapping settings: see SiteStats.batched().
            return;
        }
        scope.attachment(key).record(info, fullHash, filterHash, keys, cursors, nanos, cause, attribution);
    }

    /**
     * A JDBC batch ({@code addBatch}/{@code executeBatch}) ran: one unit of work, never an N+1 nor
     * a duplicate, however many batches a loop sends. Only the pending load cause is consumed.
     */
    void onBatch() {
        LoadCauses.take();
    }

    @Override
    public void onClose(RequestScope scope) {
        ScopeStatements statements = scope.attachmentIfPresent(key);
        if (statements == null) {
            return;
        }
        statements.learn();
        List<StatementStats> repeated = statements.repeated();
        if (repeated.isEmpty()) {
            return;
        }
        String route = scope.route();
        Instant now = null;
        for (StatementStats stats : repeated) {
            if (allowedSql(stats.fingerprint)) {
                continue;
            }
            nameUniqueKeyLoads(stats);
            for (SiteStats site : stats.sites) {
                if (!allowedCallSite(site.callSite) && site.full.maxCount() >= config.minDuplicateExecutions()) {
                    reporter.countDuplicate(route);
                    if (perfMon.hasListeners()) {
                        now = now != null ? now : perfMon.now();
                        perfMon.publish(duplicate(route, stats, site, now));
                    }
                }
            }
            for (List<SiteStats> group : groups(stats)) {
                SiteStats merged = group.size() == 1 ? group.get(0) : SiteStats.merge(group);
                if (!merged.batched() && merged.count >= config.minExecutions()
                        && distinct(stats, merged) >= config.minDistinctParameterSets()) {
                    reporter.countNPlusOne(route);
                    if (perfMon.hasListeners()) {
                        now = now != null ? now : perfMon.now();
                        perfMon.publish(nPlusOne(route, stats, merged, group, now));
                    }
                }
            }
        }
    }

    /** Names the sites no load event named, when the statement loads an association by a unique key. */
    private static void nameUniqueKeyLoads(StatementStats stats) {
        @Nullable LoadCause cause = null;
        boolean looked = false;
        for (SiteStats site : stats.sites) {
            if (site.cause == null) {
                if (!looked) {
                    cause = UniqueKeyLoads.match(stats.fingerprint);
                    looked = true;
                }
                site.cause = cause;
            }
        }
    }

    /**
     * Groups a fingerprint's call sites by cause: sites whose executions an ORM named with the
     * same association ({@code Owner.pets}) are one N+1 reached from several places; sites
     * without a cause stay apart, except the executions left untraced on purpose
     * ({@link ScopeRuns}): they count at {@link CallSites#UNKNOWN} in the group of the execution
     * that came after them, the one that ran past what the shape had learned. Allowlisted call
     * sites are left out.
     */
    private List<List<SiteStats>> groups(StatementStats stats) {
        List<SiteStats> sites = stats.sites;
        List<List<SiteStats>> groups = new ArrayList<>(sites.size());
        Map<String, List<SiteStats>> byAssociation = null;
        String after = stats.untraced > 0 ? stats.afterUntraced : null;
        SiteStats untraced = null;
        for (SiteStats site : sites) {
            if (allowedCallSite(site.callSite)) {
                continue;
            }
            if (site.cause == null) {
                if (after != null && site.callSite.equals(CallSites.UNKNOWN)) {
                    untraced = site;
                } else {
                    groups.add(List.of(site));
                }
                continue;
            }
            if (byAssociation == null) {
                byAssociation = new HashMap<>(4);
            }
            List<SiteStats> group = byAssociation.get(site.cause.association());
            if (group == null) {
                group = new ArrayList<>(2);
                byAssociation.put(site.cause.association(), group);
                groups.add(group);
            }
            group.add(site);
        }
        if (untraced != null && after != null) {
            join(groups, untraced, after);
        }
        return groups;
    }

    /** Adds {@code site} to the group holding {@code callSite}, or as a group of its own when none does. */
    private static void join(List<List<SiteStats>> groups, SiteStats site, String callSite) {
        for (int i = 0; i < groups.size(); i++) {
            List<SiteStats> group = groups.get(i);
            for (SiteStats member : group) {
                if (member.callSite.equals(callSite)) {
                    List<SiteStats> joined = new ArrayList<>(group);
                    joined.add(site);
                    groups.set(i, joined);
                    return;
                }
            }
        }
        groups.add(List.of(site));
    }

    private NPlusOneDetected nPlusOne(String route, StatementStats stats, SiteStats site, List<SiteStats> group,
                                      Instant now) {
        LoadCause cause = site.cause;
        List<SiteStats> bySize = new ArrayList<>(group);
        // Most executions first; on a tie a known call site before unknown.
        bySize.sort((a, b) -> a.count != b.count ? Integer.compare(b.count, a.count)
                : Boolean.compare(a.callSite.equals(CallSites.UNKNOWN), b.callSite.equals(CallSites.UNKNOWN)));
        Map<String, Integer> callSites = new LinkedHashMap<>();
        for (SiteStats s : bySize) {
            callSites.put(s.callSite, s.count);
        }
        return new NPlusOneDetected(route, dataSource, stats.fingerprint, site.count, distinct(stats, site),
                Duration.ofNanos(site.totalNanos), bySize.get(0).callSite,
                cause == null ? null : cause.association(),
                cause == null ? JDBC_SUGGESTION : cause.suggestion(),
                severity(site), now, callSites, note(stats, group));
    }

    /**
     * @return the parameter sets compared for N+1: paging values left out, keyset cursors too
     *     unless they did not advance like paging (a per-row lookup with the shape of paging)
     */
    private static int distinct(StatementStats stats, SiteStats site) {
        return stats.perRowCursors() ? site.full.size() : site.distinctParameterSets();
    }

    /** @return what folded state means for a finding's numbers, or {@code null} when nothing was folded */
    static @Nullable String note(StatementStats stats, List<SiteStats> group) {
        StringBuilder note = null;
        if (stats.unattributed > 0) {
            note = new StringBuilder().append(stats.unattributed)
                    .append(" more executions of this statement past the detector's memory limit have no call site");
        }
        boolean saturated = false;
        for (SiteStats site : group) {
            saturated |= site.saturated();
        }
        int unknown = 0;
        if (stats.partial || stats.untraced > 0) {
            for (SiteStats site : stats.sites) {
                unknown += site.callSite.equals(CallSites.UNKNOWN) ? site.count : 0;
            }
        }
        int untraced = Math.min(stats.untraced, unknown);
        if (untraced > 0) {
            note = (note == null ? new StringBuilder() : note.append("; ")).append(untraced)
                    .append(untraced == 1
                            ? " execution counts at call site unknown: the statement had run once per scope until now,"
                                    + " so its first execution here was not traced"
                            : " executions count at call site unknown: the statement had run at most " + untraced
                                    + " times per scope until now, so its first " + untraced
                                    + " executions here were not traced");
        }
        if (stats.partial && unknown > untraced) {
            note = (note == null ? new StringBuilder() : note.append("; ")).append(unknown - untraced)
                    .append(" executions count at call site unknown: their stacks were not kept past the detector's memory limit");
        }
        if (saturated) {
            note = (note == null ? new StringBuilder() : note.append("; "))
                    .append("parameter sets past the detector's limits are not counted: a lower bound");
        }
        return note == null ? null : note.toString();
    }

    /** @return what {@code scope} holds for this data source, or {@code null} before its first statement */
    @Nullable ScopeStatements statements(RequestScope scope) {
        return scope.attachmentIfPresent(key);
    }

    private DuplicateQuery duplicate(String route, StatementStats stats, SiteStats site, Instant now) {
        LoadCause cause = site.cause;
        return new DuplicateQuery(route, dataSource, stats.fingerprint, site.full.repeatedExecutions(),
                site.full.repeatedKeys(), Duration.ofNanos(site.totalNanos), site.callSite,
                cause == null ? null : cause.association(), DUPLICATE_SUGGESTION, severity(site), now);
    }

    private Severity severity(SiteStats site) {
        return site.totalNanos >= floorNanos ? Severity.WARNING : Severity.INFO;
    }

    private boolean allowedSql(String fingerprint) {
        for (Pattern pattern : config.allowedSql()) {
            if (pattern.matcher(fingerprint).find()) {
                return true;
            }
        }
        return false;
    }

    private boolean allowedCallSite(String callSite) {
        for (String prefix : config.allowedCallSites()) {
            if (callSite.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
