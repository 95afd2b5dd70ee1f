package dev.perfmon.examples.demo;

import dev.perfmon.core.report.PerfReport;
import dev.perfmon.examples.demo.load.LoadPlan;
import dev.perfmon.examples.demo.load.LoadResult;
import dev.perfmon.examples.demo.load.PhaseResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What load mode prints: the run, the client's view per phase with the findings perfmon made
 * in each, then perfmon's own report (server side, since the service started).
 */
final class DemoReport {

    private final DemoApp app;
    private final LoadPlan plan;
    private final LoadResult result;
    private final List<FindingRecorder.Seen> findings;
    private final PerfReport report;

    DemoReport(DemoApp app, LoadPlan plan, LoadResult result, List<FindingRecorder.Seen> findings) {
        this.app = app;
        this.plan = plan;
        this.result = result;
        this.findings = findings;
        this.report = app.reporter().report();
    }

    PerfReport report() {
        return report;
    }

    String text() {
        StringBuilder out = new StringBuilder(8192);
        LoadPlan.Phase overload = plan.phases().stream().filter(p -> p.reportCallers() > 0).findFirst().orElse(null);
        out.append("perfmon demo: ").append(plan.total().toSeconds()).append(" s load, ")
                .append(plan.maxUsers()).append(" users (5 reads : 1 write)");
        if (overload != null) {
            out.append(", +").append(overload.reportCallers()).append(" callers of GET /reports/slow in the overload phase");
        }
        out.append('\n').append("service: ").append(app.settings().database().kind()).append(", HikariCP pool ")
                .append(app.settings().poolSize()).append(", Redis ").append(app.redis().origin())
                .append(", Jetty 12 on ").append(app.baseUri()).append("\n\n");

        out.append("== load client: what the users saw, per phase (client-side latency) ==\n");
        out.append(String.format("%-9s %8s %6s %7s %5s %7s %7s %7s %7s  %s%n",
                "phase", "requests", "rps", "errors", "5xx", "p50 ms", "p95 ms", "p99 ms", "max ms", "findings"));
        for (PhaseResult phase : result.phases()) {
            out.append(String.format("%-9s %8d %6.0f %6.1f%% %5d %7d %7d %7d %7d  %s%n",
                    phase.name(), phase.requests(), phase.rate(), phase.errorRate() * 100, phase.serverErrors(),
                    phase.p50().toMillis(), phase.p95().toMillis(), phase.p99().toMillis(), phase.max().toMillis(),
                    findingCounts(phase)));
        }
        out.append('\n');

        out.append(highlights());
        out.append('\n');

        out.append("== perfmon report (server side, since the service started) ==\n");
        out.append(report.toText());
        if (!report.toText().endsWith("\n")) {
            out.append('\n');
        }
        out.append('\n');

        out.append("== when perfmon found what (first per phase, kind and route; slow requests left out) ==\n");
        Map<String, FindingRecorder.Seen> first = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (FindingRecorder.Seen seen : findings) {
            if (seen.kind().equals("slow.request")) {
                continue;
            }
            PhaseResult phase = result.phaseAt(seen.at());
            String key = (phase == null ? "after" : phase.name()) + '|' + seen.kind() + '|' + seen.route();
            first.putIfAbsent(key, seen);
            counts.merge(key, 1, Integer::sum);
        }
        if (first.isEmpty()) {
            out.append("(none)\n");
        }
        for (Map.Entry<String, FindingRecorder.Seen> entry : first.entrySet()) {
            FindingRecorder.Seen seen = entry.getValue();
            PhaseResult phase = result.phaseAt(seen.at());
            String when = phase == null ? "after"
                    : phase.name() + " +" + Duration.between(result.phases().get(0).start(), seen.at()).toSeconds() + "s";
            out.append(String.format("%-15s %-22s %-22s x%d%n    %s%n", when, seen.kind(), seen.route(),
                    counts.get(entry.getKey()), shorten(seen.summary(), 300)));
        }
        return out.toString();
    }

    /** The four things the demo exists to show, each in numbers from this run. */
    String highlights() {
        StringBuilder out = new StringBuilder(1024);
        out.append("== what this run shows ==\n");
        long naive = findingCount("nplusone", "GET /posts/naive");
        long fixed = findingCount("nplusone", "GET /posts/fixed");
        out.append(String.format("N+1            GET /posts/naive: %d N+1 findings, %s SQL statements per request;"
                        + " GET /posts/fixed: %s, %s per request%n", naive, statements("GET /posts/naive"),
                fixed == 0 ? "none" : fixed + " findings", statements("GET /posts/fixed")));
        FindingRecorder.Seen episode = findings.stream().filter(f -> f.kind().equals("pool.exhausted")).findFirst()
                .orElse(null);
        if (episode == null) {
            out.append("pool           no exhaustion episode (try more --report-callers)\n");
        } else {
            PhaseResult phase = result.phaseAt(episode.at());
            long episodes = findings.stream().filter(f -> f.kind().equals("pool.exhausted")).count();
            out.append(String.format("pool           %d exhaustion episode%s, the first in the %s phase (+%ds): %s%n",
                    episodes, episodes == 1 ? "" : "s", phase == null ? "(after the run)" : phase.name(),
                    Duration.between(result.phases().get(0).start(), episode.at()).toSeconds(), episode.detail()));
        }
        StringBuilder caches = new StringBuilder();
        report.caches().forEach(c -> caches.append(String.format("%s %.0f %% (%d of %d gets), ", c.cache(),
                c.hitRatio() * 100, c.hits(), c.hits() + c.misses())));
        out.append(String.format("cache hits     %sall %.0f %%%n", caches, report.cacheTotals().hitRatio() * 100));
        report.slos().stream().filter(s -> s.objective().equals("p99 latency") && s.route().equals(PerfReport.ALL))
                .findFirst().ifPresent(slo -> out.append(String.format(
                        "p99 vs SLO     %.0f ms against %.0f ms: %s (client-side p99 per phase: %s)%n",
                        slo.actual() * 1000, slo.target() * 1000, slo.met() ? "met" : "BREACHED", phaseP99s())));
        return out.toString();
    }

    private long findingCount(String kind, String route) {
        return report.findings().stream().filter(f -> f.kind().equals(kind) && f.route().equals(route))
                .mapToLong(dev.perfmon.core.report.Finding::count).sum();
    }

    private String statements(String route) {
        return report.breakdown().stream().filter(b -> b.route().equals(route)).findFirst()
                .map(b -> String.format("%.1f", b.statementsPerRequest())).orElse("n/a");
    }

    private String phaseP99s() {
        StringBuilder b = new StringBuilder();
        for (PhaseResult phase : result.phases()) {
            b.append(b.length() == 0 ? "" : ", ").append(phase.name()).append(' ').append(phase.p99().toMillis())
                    .append(" ms");
        }
        return b.toString();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private String findingCounts(PhaseResult phase) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (FindingRecorder.Seen seen : findings) {
            if (phase.contains(seen.at())) {
                kinds.merge(seen.kind(), 1, Integer::sum);
            }
        }
        if (kinds.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        kinds.forEach((kind, n) -> b.append(b.length() == 0 ? "" : ", ").append(kind).append(' ').append(n));
        return b.toString();
    }

    void writeFiles(Path json, Path html) throws IOException {
        if (json != null) {
            Files.writeString(json, report.toJson(), StandardCharsets.UTF_8);
        }
        if (html != null) {
            Files.writeString(html, report.toHtmlFragment(), StandardCharsets.UTF_8);
        }
    }
}
