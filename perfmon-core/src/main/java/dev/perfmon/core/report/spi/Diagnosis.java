package dev.perfmon.core.report.spi;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.HealthRule;

import java.util.List;
import java.util.Set;

/**
 * What a module knows about its own findings and meters, contributed to the report: which
 * counters count its finding kinds (so windowed counts are exact), which rows it adds to the
 * report, how its smells rank among the likely bottlenecks, and the default health rules over
 * its meters. Core ranks and judges only latency, errors, CPU and heap; everything about SQL,
 * pools or caches comes from the module that records it.
 *
 * <p>A module registers its diagnosis when its decorator is built against a {@code PerfMon}
 * ({@code perfMon.diagnoses().register(diagnosis)}); registration is idempotent by
 * {@link #name()}. Implementations are stateless and thread-safe: every report calls
 * {@link #diagnose} anew, possibly from several threads. A diagnosis that throws is left out of
 * that report (nothing it contributed is kept), counted in {@code perfmon.internal.errors} under
 * component {@code diagnosis.<name>} and logged once; the report still renders.
 */
public interface Diagnosis {

    /** @return a short fixed name, unique per module ({@code jdbc.sql}); a second registration under it is ignored */
    String name();

    /**
     * The counters that count this module's findings, one increment per finding. The report and
     * the dashboard take a counted kind's windowed count from the counter's increase (summed over
     * its tags, like PromQL {@code increase}), which stays exact when the bounded finding store
     * overflows.
     *
     * @return the counted kinds; empty by default
     */
    default List<FindingCounter> findingCounters() {
        return List.of();
    }

    /**
     * The request segments whose time this diagnosis explains, such as {@code db.query}: core's
     * generic candidate for a slow route spending much of its time in a segment leaves these to
     * the diagnosis.
     *
     * @return segment names; empty by default
     */
    default Set<String> segments() {
        return Set.of();
    }

    /**
     * The module's default health rules over its own meters, each with its PromQL twin. A
     * {@code HealthMonitor} built from the {@code PerfMon} evaluates them beside core's rules
     * (also when it was built before this diagnosis registered) and exports them with
     * {@code prometheusRules()}; a report without a monitor judges its window by them. An
     * application replaces one by adding a rule of the same name, or drops it with
     * {@code removeRule}. A rule whose query throws yields no value and is counted under
     * component {@code health-rule.<name>}, logged once; so is this method throwing.
     *
     * @param config the thresholds to apply
     * @return the rules; empty by default
     */
    default List<HealthRule> healthRules(PerfMonConfig config) {
        return List.of();
    }

    /**
     * Reads the report's window and contributes rows and bottleneck candidates.
     *
     * @param context the numbers the report has computed so far, and the window's meters
     * @param report where rows and candidates go
     */
    void diagnose(DiagnosisContext context, ReportContribution report);
}
