package dev.perfmon.jdbc.pool;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.Segment;
import dev.perfmon.core.health.HealthRule;
import dev.perfmon.core.report.spi.Diagnosis;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.FindingCounter;
import dev.perfmon.core.report.spi.ReportContribution;
import dev.perfmon.jdbc.pool.internal.PoolDiagnoser;

import java.util.List;
import java.util.Set;

/**
 * Connection pools in the report: each pool's size, peaks, timeouts and exhaustion episodes
 * (from HikariCP's own meters, {@link PoolExhausted#METER} and the episodes' events), the
 * {@code pool.wait} bottleneck (the {@code db.pool} time of every route, naming the routes that
 * held the connections) and {@code pool.timeouts}; and the pools' health rules
 * ({@link PoolHealthRules}). Registered by perfmon's data source decorator
 * and pool monitor; register it by hand for a pool perfmon does not wrap:
 * {@code perfMon.diagnoses().register(PoolDiagnosis.INSTANCE)}.
 */
public final class PoolDiagnosis implements Diagnosis {

    /** The one instance; stateless. */
    public static final PoolDiagnosis INSTANCE = new PoolDiagnosis();

    private PoolDiagnosis() {
    }

    @Override
    public String name() {
        return "jdbc.pool";
    }

    @Override
    public List<FindingCounter> findingCounters() {
        return List.of(new FindingCounter(PoolExhausted.KIND, PoolExhausted.METER));
    }

    @Override
    public Set<String> segments() {
        return Set.of(Segment.DB_POOL.name());
    }

    @Override
    public List<HealthRule> healthRules(PerfMonConfig config) {
        return PoolHealthRules.defaults(config);
    }

    @Override
    public void diagnose(DiagnosisContext context, ReportContribution report) {
        PoolDiagnoser.diagnose(context, report);
    }
}
