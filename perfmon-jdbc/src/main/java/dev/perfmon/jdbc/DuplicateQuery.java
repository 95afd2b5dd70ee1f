package dev.perfmon.jdbc;

import org.jspecify.annotations.Nullable;

import dev.perfmon.core.event.Severity;
import dev.perfmon.core.internal.Require;

import java.time.Duration;
import java.time.Instant;

/**
 * The same statement with the same parameters run again within one request scope, from the
 * same call site: the result of the first run could have been reused. Published when the scope
 * closes. Carries no parameter value.
 *
 * @param route the scope's final route
 * @param dataSource the {@code datasource} name of the {@link PerfMonDataSource}
 * @param fingerprint the normalized statement ({@link SqlFingerprint})
 * @param count executions whose parameter set was executed more than once
 * @param distinctParameterSets how many such repeated parameter sets there were (1 when one lookup was repeated)
 * @param totalTime the total execution time of that statement from that call site
 * @param callSite the first application frame, or {@code unknown}
 * @param association the ORM cause when known, otherwise {@code null}
 * @param suggestion the fix to consider
 * @param severity {@link Severity#WARNING} from the configured floor of total time, {@link Severity#INFO} below
 * @param timestamp when the scope closed
 */
public record DuplicateQuery(String route, String dataSource, String fingerprint, int count,
                             int distinctParameterSets, Duration totalTime, String callSite,
                             @Nullable String association, String suggestion, Severity severity, Instant timestamp)
        implements StatementFinding {

    /** The {@link #kind()} of every duplicate-query event. */
    public static final String KIND = "duplicate.query";

    /** The counter of duplicate-query findings, incremented once per event: the report's windowed counts read it. */
    public static final String METER = "perfmon.duplicate.query";

    public DuplicateQuery {
        Require.nonNull("route, dataSource, fingerprint, totalTime, callSite, suggestion, severity, timestamp",
                route, dataSource, fingerprint, totalTime, callSite, suggestion, severity, timestamp);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * @return for example {@code GET /posts: duplicate query, 6 executions with 1 parameter set
     *     (3.1 ms) at com.example.UserService.name(UserService.java:17) [datasource main]:
     *     select ... where u1_0.id=? -- consider reusing the first result within the request}
     */
    @Override
    public String summary() {
        return Findings.summary(route, "duplicate query", count, distinctParameterSets, totalTime, callSite,
                association, dataSource, fingerprint, suggestion);
    }
}
