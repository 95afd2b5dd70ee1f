package dev.perfmon.core.report;

import dev.perfmon.core.health.RuleStatus;
import dev.perfmon.core.internal.Require;
import dev.perfmon.core.report.internal.HtmlRenderer;
import dev.perfmon.core.report.internal.JsonRenderer;
import dev.perfmon.core.report.internal.TextRenderer;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a load-test summary shows, from inside the process: requests, rate, failures and
 * latency per route and overall, the SLO checks, where each route's time went, caches and
 * pools, the findings, the health verdicts and a ranked list of likely bottlenecks. Immutable;
 * obtained from {@link PerfReporter#report()} or {@link PerfReporter#report(Duration)}.
 *
 * <p>Three renderings: {@link #toText()} for terminals (at most 100 columns),
 * {@link #toJson()} for machines (schema version {@value #SCHEMA_VERSION}, documented in the
 * README and pinned by a test), {@link #toHtmlFragment()} for a dashboard page (escaped).
 *
 * @param generatedAt when the report was made (wall clock)
 * @param start the start of the window
 * @param end the end of the window (the latest sample)
 * @param window the window actually covered: the requested one, or less when the reporter has not
 *     been sampling that long; since start, the time since the reporter started
 * @param sinceStart whether counts are since the meters were created rather than over a recent window
 * @param totals the totals over every route (route {@value #ALL})
 * @param routes one summary per route, busiest first
 * @param slos the objectives measured over the window: overall, then per route for latency
 * @param breakdown where each route's time went, busiest first
 * @param cacheTotals every cache together (cache {@value #ALL})
 * @param caches one summary per cache, most gets first
 * @param pools one summary per connection pool
 * @param findings the findings in the window, most severe and most frequent first
 * @param findingsDropped events that fell out of the bounded store before the report (0 when the findings are complete)
 * @param health the health verdicts, worst first
 * @param healthFromMonitor whether {@link #health()} comes from a running {@code HealthMonitor} (with "for"
 *     durations); otherwise the built-in rules were applied once to this report's window
 * @param bottlenecks the likely bottlenecks, most likely first
 * @param notes caveats on the numbers (estimated quantiles, truncated findings, ...)
 */
public record PerfReport(Instant generatedAt, Instant start, Instant end, Duration window, boolean sinceStart,
                         RouteSummary totals, List<RouteSummary> routes, List<SloCheck> slos,
                         List<RouteBreakdown> breakdown, CacheSummary cacheTotals, List<CacheSummary> caches,
                         List<PoolSummary> pools, List<Finding> findings, long findingsDropped,
                         List<RuleStatus> health, boolean healthFromMonitor, List<Bottleneck> bottlenecks,
                         List<String> notes) {

    /** The version of the JSON schema; raised on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    /** The route name of the totals over all routes. */
    public static final String ALL = "all";

    public PerfReport {
        Require.nonNull("generatedAt, start, end, window, totals, cacheTotals",
                generatedAt, start, end, window, totals, cacheTotals);
        routes = List.copyOf(routes);
        slos = List.copyOf(slos);
        breakdown = List.copyOf(breakdown);
        caches = List.copyOf(caches);
        pools = List.copyOf(pools);
        findings = List.copyOf(findings);
        health = List.copyOf(health);
        bottlenecks = List.copyOf(bottlenecks);
        notes = List.copyOf(notes);
    }

    /** For the reporter's assembler; not meant for applications. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the report for a terminal, lines of at most 100 columns */
    public String toText() {
        return TextRenderer.render(this);
    }

    /** @return the report as JSON (schema version {@value #SCHEMA_VERSION}) */
    public String toJson() {
        return JsonRenderer.render(this);
    }

    /** @return the report as an HTML fragment (a {@code <section>}), every value escaped */
    public String toHtmlFragment() {
        return HtmlRenderer.render(this);
    }

    @Override
    public String toString() {
        return toText();
    }

    /** Collects a report's parts; used by the reporter. */
    public static final class Builder {
        private @Nullable Instant generatedAt;
        private @Nullable Instant start;
        private @Nullable Instant end;
        private @Nullable Duration window;
        private boolean sinceStart;
        private @Nullable RouteSummary totals;
        private List<RouteSummary> routes = List.of();
        private List<SloCheck> slos = List.of();
        private List<RouteBreakdown> breakdown = List.of();
        private @Nullable CacheSummary cacheTotals;
        private List<CacheSummary> caches = List.of();
        private List<PoolSummary> pools = List.of();
        private List<Finding> findings = List.of();
        private long findingsDropped;
        private List<RuleStatus> health = List.of();
        private boolean healthFromMonitor;
        private List<Bottleneck> bottlenecks = List.of();
        private List<String> notes = List.of();

        private Builder() {
        }

        /** When the report was made and the window it covers; {@code sinceStart} when the window opens at the first sample. */
        public Builder period(Instant generatedAt, Instant start, Instant end, Duration window, boolean sinceStart) {
            this.generatedAt = generatedAt;
            this.start = start;
            this.end = end;
            this.window = window;
            this.sinceStart = sinceStart;
            return this;
        }

        /** Overall and per-route request numbers and the latency and ratio objectives checked against them. */
        public Builder traffic(RouteSummary totals, List<RouteSummary> routes, List<SloCheck> slos) {
            this.totals = totals;
            this.routes = routes;
            this.slos = slos;
            return this;
        }

        /** Where each route's time went: pool wait, SQL, Redis, other; statements per request. */
        public Builder breakdown(List<RouteBreakdown> value) {
            this.breakdown = value;
            return this;
        }

        /** Hit ratios: all caches together and each cache. */
        public Builder caches(CacheSummary totals, List<CacheSummary> perCache) {
            this.cacheTotals = totals;
            this.caches = perCache;
            return this;
        }

        /** Connection pools: size, peaks, timeouts, exhaustion episodes and who held the connections. */
        public Builder pools(List<PoolSummary> value) {
            this.pools = value;
            return this;
        }

        /** Findings of the window, and how many were dropped past the report's cap. */
        public Builder findings(List<Finding> value, long dropped) {
            this.findings = value;
            this.findingsDropped = dropped;
            return this;
        }

        /** Health verdicts, {@code fromMonitor} when they come from a running monitor rather than this window. */
        public Builder health(List<RuleStatus> value, boolean fromMonitor) {
            this.health = value;
            this.healthFromMonitor = fromMonitor;
            return this;
        }

        /** The likely bottlenecks, most likely first. */
        public Builder bottlenecks(List<Bottleneck> value) {
            this.bottlenecks = value;
            return this;
        }

        /** Notes on how to read the numbers (estimated quantiles, missing meters). */
        public Builder notes(List<String> value) {
            this.notes = value;
            return this;
        }

        /**
         * @return the report
         * @throws IllegalStateException when the period, the traffic or the caches were not given
         */
        public PerfReport build() {
            if (generatedAt == null || start == null || end == null || window == null) {
                throw new IllegalStateException("a report needs its period");
            }
            if (totals == null || cacheTotals == null) {
                throw new IllegalStateException("a report needs its traffic and cache totals");
            }
            return new PerfReport(generatedAt, start, end, window, sinceStart, totals, routes, slos, breakdown,
                    cacheTotals, caches, pools, findings, findingsDropped, health, healthFromMonitor, bottlenecks,
                    notes);
        }
    }
}
