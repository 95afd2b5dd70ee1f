package dev.perfmon.jdbc;

import dev.perfmon.core.event.Severity;
import dev.perfmon.core.internal.Require;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One statement run once per row: within one request scope, the same fingerprint ran
 * {@code count} times with {@code distinctParameterSets} different parameter sets, from one
 * application call site or, when an ORM names the association behind it, from every call site
 * that loaded that association. Published when the scope closes. Carries no parameter value.
 *
 * @param route the scope's final route ({@code GET /posts/{id}}, {@code job:import})
 * @param dataSource the {@code datasource} name of the {@link PerfMonDataSource}
 * @param fingerprint the normalized statement ({@link SqlFingerprint})
 * @param count round trips of that statement (from all of {@code callSites})
 * @param distinctParameterSets how many different parameter sets they used (LIMIT/OFFSET values left out)
 * @param totalTime their total execution time
 * @param callSite the first application frame ({@code com.example.PostService.list(PostService.java:42)}),
 *     or {@code unknown} when every frame belonged to a framework; of several, the one with the most executions
 * @param association the ORM cause when known ({@code Post.comments}, {@code Comment.author},
 *     {@code find(Post)}), otherwise {@code null}
 * @param suggestion the fix to consider
 * @param severity {@link Severity#WARNING} from the configured floor of total time, {@link Severity#INFO} below
 * @param timestamp when the scope closed
 * @param callSites every call site with its executions, most first (one entry unless an association
 *     was reached from several places)
 * @param note {@code null} when every execution of the statement was tracked; otherwise what the
 *     numbers are, when the detector's memory budget for the scope ({@link
 *     NPlusOneConfig#maxStateBytesPerScope()}) or its table limits folded some of its state
 *     (executions without a call site, parameter sets counted as a lower bound), or when the first
 *     executions of a statement were not traced because it had run at most that many times in
 *     each of the last 64 scopes that ran it (they count at call site {@code unknown})
 */
public record NPlusOneDetected(String route, String dataSource, String fingerprint, int count,
                               int distinctParameterSets, Duration totalTime, String callSite,
                               @Nullable String association, String suggestion, Severity severity,
                               Instant timestamp, Map<String, Integer> callSites, @Nullable String note)
        implements StatementFinding {

    /** The {@link #kind()} of every N+1 event. */
    public static final String KIND = "nplusone";

    /** The counter of N+1 findings, incremented once per event: the report's windowed counts read it. */
    public static final String METER = "perfmon.nplusone";

    public NPlusOneDetected {
        Require.nonNull("route, dataSource, fingerprint, totalTime, callSite, suggestion, severity, timestamp",
                route, dataSource, fingerprint, totalTime, callSite, suggestion, severity, timestamp);
        callSites = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(callSites));
    }

    /** A finding whose every execution was tracked. */
    public NPlusOneDetected(String route, String dataSource, String fingerprint, int count,
                            int distinctParameterSets, Duration totalTime, String callSite,
                            @Nullable String association, String suggestion, Severity severity, Instant timestamp,
                            Map<String, Integer> callSites) {
        this(route, dataSource, fingerprint, count, distinctParameterSets, totalTime, callSite, association,
                suggestion, severity, timestamp, callSites, null);
    }

    /** A finding from one call site. */
    public NPlusOneDetected(String route, String dataSource, String fingerprint, int count,
                            int distinctParameterSets, Duration totalTime, String callSite,
                            @Nullable String association, String suggestion, Severity severity, Instant timestamp) {
        this(route, dataSource, fingerprint, count, distinctParameterSets, totalTime, callSite, association,
                suggestion, severity, timestamp, Map.of(callSite, count), null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * @return for example {@code GET /posts: N+1 query, 10 executions with 10 parameter sets
     *     (12.5 ms) at com.example.PostService.list(PostService.java:42) via Post.comments
     *     [datasource main]: select ... where c1_0.post_id=? -- consider join fetch ...}
     */
    @Override
    public String summary() {
        String summary = Findings.summary(route, "N+1 query", count, distinctParameterSets, totalTime,
                Findings.sites(callSite, callSites), association, dataSource, fingerprint, suggestion);
        return note == null ? summary : summary + " (" + note + ")";
    }
}
