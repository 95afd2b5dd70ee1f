package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import dev.perfmon.spring.boot.autoconfigure.JdbcProperties;

import java.util.List;

/** Turns {@code perfmon.jdbc.*} into the N+1 detector's and the pool monitor's settings. */
public final class JdbcConfigs {

    private JdbcConfigs() {
    }

    /**
     * @param settings {@code perfmon.jdbc.n-plus-one.*}
     * @param defaultPackages the application's packages when none are set (each ending with '.')
     * @return the detector's configuration
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public static NPlusOneConfig nPlusOne(JdbcProperties.NPlusOne settings, List<String> defaultPackages) {
        NPlusOneConfig.Builder b = NPlusOneConfig.builder()
                .enabled(settings.isEnabled())
                .minExecutions(settings.getMinExecutions())
                .minDistinctParameterSets(settings.getMinDistinctParameterSets())
                .minDuplicateExecutions(settings.getMinDuplicateExecutions())
                .severityFloor(settings.getSeverityFloor());
        settings.getAllowedCallSites().forEach(b::allowCallSite);
        settings.getAllowedSql().forEach(b::allowSql);
        settings.getIgnoredFrames().forEach(b::ignoreFramesFrom);
        List<String> packages = settings.getApplicationPackages() != null
                ? settings.getApplicationPackages() : defaultPackages;
        b.applicationPackages(packages.toArray(new String[0]));
        return b.build();
    }

    /**
     * @param perfMon the instance the monitor reports to
     * @param settings {@code perfmon.jdbc.pool.*}
     * @return the pool monitor, closed with {@code perfMon}
     */
    public static PerfMonPoolMonitor poolMonitor(PerfMon perfMon, JdbcProperties.Pool settings) {
        PerfMonPoolMonitor.Builder b = PerfMonPoolMonitor.builder(perfMon)
                .sampleInterval(settings.getSampleInterval())
                .exhaustionThreshold(settings.getExhaustionThreshold())
                .quietPeriod(settings.getQuietPeriod())
                .captureAcquisitionStacks(settings.isCaptureAcquisitionStacks())
                .maxHolders(settings.getMaxHolders());
        if (settings.getLongHoldThreshold() != null) {
            b.longHoldThreshold(settings.getLongHoldThreshold());
        }
        return b.build();
    }
}
