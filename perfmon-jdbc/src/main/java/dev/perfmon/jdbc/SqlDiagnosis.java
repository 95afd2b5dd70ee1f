package dev.perfmon.jdbc;

import dev.perfmon.core.Segment;
import dev.perfmon.core.report.spi.Diagnosis;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.FindingCounter;
import dev.perfmon.core.report.spi.ReportContribution;
import dev.perfmon.jdbc.internal.SqlRanking;

import java.util.List;
import java.util.Set;

/**
 * SQL in the report: the {@code nplusone} bottleneck (a route's N+1 findings or its statements
 * per request, claiming the time its repeated statements cost), the generic {@code sql} one for
 * slow routes spending their time in SQL, and exact windowed counts of N+1 and duplicate-query
 * findings from {@link NPlusOneDetected#METER} and {@link DuplicateQuery#METER}. Registered by
 * {@link PerfMonDataSource}; register it by hand when findings come from elsewhere:
 * {@code perfMon.diagnoses().register(SqlDiagnosis.INSTANCE)}.
 */
public final class SqlDiagnosis implements Diagnosis {

    /** The one instance; stateless. */
    public static final SqlDiagnosis INSTANCE = new SqlDiagnosis();

    private SqlDiagnosis() {
    }

    @Override
    public String name() {
        return "jdbc.sql";
    }

    @Override
    public List<FindingCounter> findingCounters() {
        return List.of(new FindingCounter(NPlusOneDetected.KIND, NPlusOneDetected.METER),
                new FindingCounter(DuplicateQuery.KIND, DuplicateQuery.METER));
    }

    @Override
    public Set<String> segments() {
        return Set.of(Segment.DB_QUERY.name());
    }

    @Override
    public void diagnose(DiagnosisContext context, ReportContribution report) {
        SqlRanking.diagnose(context, report);
    }
}
