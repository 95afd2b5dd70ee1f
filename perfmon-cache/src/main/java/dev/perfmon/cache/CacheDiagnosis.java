package dev.perfmon.cache;

import dev.perfmon.cache.internal.CacheMissRanking;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.HealthRule;
import dev.perfmon.core.report.spi.Diagnosis;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.ReportContribution;

import java.util.List;

/**
 * Caches in the report: hit ratios per cache and overall (from {@code cache.gets}, so any
 * client following Micrometer's cache convention shows), and the {@code cache.miss} bottleneck
 * for a cache under its hit-ratio floor, charged the time its misses caused and naming the
 * window's {@link CacheStampede}s; and the hit-ratio health rule ({@link CacheHealthRules}).
 * Registered by every {@link CacheRecorder}; register it by hand for caches perfmon does not
 * record: {@code perfMon.diagnoses().register(CacheDiagnosis.INSTANCE)}.
 */
public final class CacheDiagnosis implements Diagnosis {

    /** The one instance; stateless. */
    public static final CacheDiagnosis INSTANCE = new CacheDiagnosis();

    private CacheDiagnosis() {
    }

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public List<HealthRule> healthRules(PerfMonConfig config) {
        return List.of(CacheHealthRules.hitRatio(config));
    }

    @Override
    public void diagnose(DiagnosisContext context, ReportContribution report) {
        CacheMissRanking.diagnose(context, report);
    }
}
