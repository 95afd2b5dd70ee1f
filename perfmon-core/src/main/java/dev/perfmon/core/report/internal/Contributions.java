package dev.perfmon.core.report.internal;

import dev.perfmon.core.report.CacheSummary;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.core.report.spi.BottleneckCandidate;
import dev.perfmon.core.report.spi.Diagnosis;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.FindingCounter;
import dev.perfmon.core.report.spi.ReportContribution;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs the registered diagnoses for one report and keeps what each contributed. A diagnosis
 * that throws contributes nothing to the report; its failure goes to the PerfMon's failure
 * count under {@code diagnosis.<name>} (logged once) and the others run on.
 */
final class Contributions {

    static final String COMPONENT_PREFIX = "diagnosis.";

    final List<BottleneckCandidate> candidates = new ArrayList<>();
    final List<PoolSummary> pools = new ArrayList<>();
    CacheSummary cacheTotals = new CacheSummary(PerfReport.ALL, 0, 0, Double.NaN);
    List<CacheSummary> caches = List.of();

    private Contributions() {
    }

    /** @return the finding counters of every diagnosis whose {@code findingCounters()} returns normally */
    static List<FindingCounter> counters(List<Diagnosis> diagnoses, BiConsumer<String, Throwable> failures) {
        List<FindingCounter> counters = new ArrayList<>();
        for (Diagnosis d : diagnoses) {
            try {
                counters.addAll(d.findingCounters());
            } catch (RuntimeException | LinkageError failure) {
                failures.accept(component(d), failure);
            }
        }
        return counters;
    }

    static Contributions collect(List<Diagnosis> diagnoses, DiagnosisContext context,
                                 BiConsumer<String, Throwable> failures) {
        Contributions all = new Contributions();
        for (Diagnosis d : diagnoses) {
            Sink one = new Sink();
            try {
                d.diagnose(context, one);
            } catch (RuntimeException | LinkageError failure) {
                failures.accept(component(d), failure);
                continue;
            }
            all.candidates.addAll(one.candidates);
            all.pools.addAll(one.pools);
            if (one.cacheTotals != null) {
                all.cacheTotals = one.cacheTotals;
                all.caches = one.caches;
            }
        }
        return all;
    }

    private static String component(Diagnosis d) {
        String name;
        try {
            name = d.name();
        } catch (RuntimeException failure) {
            name = d.getClass().getSimpleName();
        }
        return COMPONENT_PREFIX + name;
    }

    /** One diagnosis's contribution, kept apart until it returns. */
    private static final class Sink implements ReportContribution {
        final List<BottleneckCandidate> candidates = new ArrayList<>();
        final List<PoolSummary> pools = new ArrayList<>();
        CacheSummary cacheTotals;
        List<CacheSummary> caches = List.of();

        @Override
        public void candidate(BottleneckCandidate candidate) {
            candidates.add(java.util.Objects.requireNonNull(candidate, "candidate"));
        }

        @Override
        public void pools(List<PoolSummary> value) {
            pools.addAll(value);
        }

        @Override
        public void caches(CacheSummary totals, List<CacheSummary> perCache) {
            cacheTotals = java.util.Objects.requireNonNull(totals, "totals");
            caches = List.copyOf(perCache);
        }
    }
}
