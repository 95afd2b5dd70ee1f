package dev.perfmon.core.report;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.core.health.HealthRule;
import dev.perfmon.core.health.HealthRules;
import dev.perfmon.core.health.RuleStatus;
import dev.perfmon.core.health.internal.ContributedRules;
import dev.perfmon.core.health.internal.MeterHistory;
import dev.perfmon.core.health.internal.RuleEvaluator;
import dev.perfmon.core.health.internal.Snapshot;
import dev.perfmon.core.health.internal.SnapshotWindow;
import dev.perfmon.core.internal.Require;
import dev.perfmon.core.internal.DaemonSchedule;
import dev.perfmon.core.report.internal.FindingLog;
import dev.perfmon.core.report.internal.ReportAssembler;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Produces {@link PerfReport}s for a {@link PerfMon}: it collects every published event in a
 * bounded store and samples the metric contract's meters from {@code perfMon.registry()} every
 * few seconds, so that a report can cover the whole run or a recent window.
 *
 * <pre>{@code
 * PerfReporter reporter = PerfReporter.create(perfMon);   // at startup; closed with perfMon
 * ...
 * System.out.println(reporter.report().toText());            // since start
 * String json = reporter.report(Duration.ofMinutes(5)).toJson();
 * }</pre>
 *
 * <p>Counts, rates and quantiles are deltas of cumulative meters between two samples, with
 * PromQL's arithmetic, so a report over a window matches {@code increase}/{@code rate}/
 * {@code histogram_quantile} over the same window. Since start, counts are the meters' totals
 * (since they were created) and the period is the time since the reporter started: create it
 * with the PerfMon. Peaks of gauges (pool usage, CPU) are over the samples.
 */
public final class PerfReporter implements AutoCloseable {

    /** Events the finding store keeps by default ({@link Builder#maxFindings(int)}). */
    public static final int DEFAULT_MAX_FINDINGS = 2000;

    private final PerfMon perfMon;
    private final MeterHistory history;
    private final FindingLog findings;
    private final @Nullable HealthMonitor health;
    private final Supplier<List<HealthRule>> windowRules;
    private final Duration sampleInterval;
    private final long startNanos;
    private final long startWallMillis;
    private final DaemonSchedule schedule = new DaemonSchedule();

    private PerfReporter(Builder b) {
        this.perfMon = b.perfMon;
        this.health = b.health;
        List<HealthRule> given = b.rules;
        this.windowRules = given != null ? () -> given : defaultRules(perfMon);
        this.sampleInterval = b.sampleInterval;
        // The PerfMon's one history, shared with its health monitor: every section reads the same samples.
        // Every sample of the last two minutes, then one per 30 s: windows stay exact (counts are cumulative).
        this.history = MeterHistory.of(perfMon);
        history.keep(b.retention.toNanos(), 4096, Duration.ofMinutes(2).toNanos());
        this.findings = new FindingLog(b.maxFindings, 1000);
        this.startNanos = perfMon.clock().monotonicTime();
        this.startWallMillis = perfMon.clock().wallTime();
        perfMon.addListener(findings);
        sample();
    }

    /** @return a reporter with the defaults, sampling on its own daemon thread, closed with {@code perfMon} */
    public static PerfReporter create(PerfMon perfMon) {
        return builder(perfMon).start();
    }

    /** @return a builder: 5 s samples kept 15 min, 2000 events, built-in rules applied to each report's window */
    public static Builder builder(PerfMon perfMon) {
        return new Builder(perfMon);
    }

    /**
     * Samples the meters now. The reporter's schedule calls this; every report takes one too.
     * Tests driving a mock clock call it after advancing the clock, to place window boundaries.
     */
    public void sample() {
        if (schedule.stopped()) {
            return;
        }
        history.sample();
    }

    /** @return a report since start: the meters' totals over the time since the reporter started */
    public PerfReport report() {
        sample();
        // Never null: the constructor took the first sample.
        SnapshotWindow window = Objects.requireNonNull(history.sinceStart(startNanos, startWallMillis));
        FindingLog.Result found = findings.sinceStart();
        Duration period = Duration.ofNanos(Math.max(0, window.latest().monotonicNanos() - startNanos));
        return assemble(window, Instant.ofEpochMilli(startWallMillis), period, true, found);
    }

    /**
     * @param window how far back to look; the report covers less when the reporter has not
     *     sampled that long, and its {@link PerfReport#window()} says how much
     * @return a report over the most recent {@code window}
     */
    public PerfReport report(Duration window) {
        Require.positive("window", window);
        sample();
        SnapshotWindow w = history.window(window.toNanos());
        if (w == null) {
            return report();
        }
        Snapshot baseline = w.baseline();
        FindingLog.Result found = findings.window(Instant.ofEpochMilli(baseline.wallMillis()));
        return assemble(w, Instant.ofEpochMilli(baseline.wallMillis()), w.length(), false, found);
    }

    /**
     * The recent past as consecutive reports of about {@code step} each, from the samples the
     * reporter already holds: what a chart shows when it is first opened. Each report covers
     * one interval between two samples (longer where sampling paused or old samples were
     * thinned); health verdicts are left out of them, and findings are only those of counted
     * kinds (see {@link dev.perfmon.core.report.spi.FindingCounter}), from their counters.
     *
     * @param step the interval of one report, at least the sampling interval to be useful
     * @param span how far back to go
     * @return the reports, oldest first; empty until two samples exist
     */
    public List<PerfReport> history(Duration step, Duration span) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(span, "span");
        List<PerfReport> out = new ArrayList<>();
        for (SnapshotWindow w : history.steps(step.toNanos(), span.toNanos())) {
            out.add(ReportAssembler.assemble(w, w.end(), w.start(), w.length(), false, perfMon.config(),
                    FindingLog.Result.NONE, List.of(), false, perfMon.diagnoses().registered(), perfMon::recordFailure));
        }
        return out;
    }

    private PerfReport assemble(SnapshotWindow window, Instant start, Duration period, boolean sinceStart,
                                FindingLog.Result found) {
        Instant now = perfMon.now();
        List<RuleStatus> verdicts = health != null ? health.statuses()
                : RuleEvaluator.once(windowRules.get(), window, now, perfMon::recordFailure);
        return ReportAssembler.assemble(window, now, start, period, sinceStart, perfMon.config(), found, verdicts,
                health != null, perfMon.diagnoses().registered(), perfMon::recordFailure);
    }

    /** Core's built-in rules, then those the PerfMon's diagnoses contribute, as they register. */
    private static Supplier<List<HealthRule>> defaultRules(PerfMon perfMon) {
        List<HealthRule> core = HealthRules.defaults(perfMon.config());
        ContributedRules contributed = new ContributedRules(perfMon);
        return () -> {
            List<HealthRule> rules = new ArrayList<>(core);
            rules.addAll(contributed.current());
            return rules;
        };
    }

    /** @return the instance this reporter reports on */
    public PerfMon perfMon() {
        return perfMon;
    }

    /** @return the sampling interval of the schedule */
    public Duration sampleInterval() {
        return sampleInterval;
    }

    /** Stops sampling and collecting events. Idempotent; also done when the PerfMon closes. */
    @Override
    public void close() {
        if (schedule.stop()) {
            perfMon.removeListener(findings);
        }
    }

    private void schedule() {
        schedule.start(sampleInterval, "perfmon-report-" + perfMon.id(), this::sample);
    }

    /** Configures a {@link PerfReporter}. */
    public static final class Builder {
        private final PerfMon perfMon;
        private Duration sampleInterval = Duration.ofSeconds(5);
        private Duration retention = Duration.ofMinutes(15);
        private int maxFindings = DEFAULT_MAX_FINDINGS;
        private @Nullable HealthMonitor health;
        private @Nullable List<HealthRule> rules;

        private Builder(PerfMon perfMon) {
            this.perfMon = Objects.requireNonNull(perfMon, "perfMon");
        }

        /** How often meters are sampled (gauge peaks, window boundaries); default 5 s. */
        public Builder sampleInterval(Duration value) {
            this.sampleInterval = Require.positive("sampleInterval", value);
            return this;
        }

        /** The longest window a report can cover (since-start reports are unaffected); default 15 min. */
        public Builder retention(Duration value) {
            this.retention = Require.positive("retention", value);
            return this;
        }

        /**
         * Events kept for window reports (since-start counts are kept apart, complete); default
         * {@value PerfReporter#DEFAULT_MAX_FINDINGS}. Kinds a diagnosis counts with a counter are
         * exact in windows whatever this holds.
         */
        public Builder maxFindings(int value) {
            this.maxFindings = Require.atLeast("maxFindings", value, 1);
            return this;
        }

        /** Takes health verdicts from a running monitor (with for-durations) instead of applying rules to the window. */
        public Builder health(HealthMonitor value) {
            this.health = Objects.requireNonNull(value, "health");
            return this;
        }

        /**
         * The rules applied to each report's window when no monitor is given; default core's
         * built-in ones and those the PerfMon's diagnoses contribute.
         */
        public Builder rules(List<HealthRule> value) {
            this.rules = List.copyOf(value);
            return this;
        }

        /** @return a reporter sampling only when asked ({@link PerfReporter#sample()} and each report); closed with the PerfMon */
        public PerfReporter build() {
            PerfReporter reporter = new PerfReporter(this);
            perfMon.closeOnClose(reporter);
            return reporter;
        }

        /** @return a reporter sampling every interval on a daemon thread; closed with the PerfMon */
        public PerfReporter start() {
            PerfReporter reporter = build();
            reporter.schedule();
            return reporter;
        }
    }
}
