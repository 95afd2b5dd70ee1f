package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.spring.boot.autoconfigure.internal.PropertiesValidation;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import java.time.Duration;

/**
 * perfmon's settings under {@code perfmon.}: the switches of each part, the thresholds of
 * {@link PerfMonConfig} and, nested, the request filter ({@code perfmon.http.}), the JDBC
 * instrumentation ({@code perfmon.jdbc.}), the report ({@code perfmon.report.}) and the health
 * monitor ({@code perfmon.health.}). Unset values keep perfmon's defaults.
 *
 * <p>Defaults are perfmon's own ({@link PerfMonConfig#defaults()}), written out so IDEs show them.
 *
 * <p>The settings validate themselves when Boot binds them: an invalid value stops the
 * application with Boot's binding report naming the property, before any perfmon object exists.
 */
@ConfigurationProperties(prefix = PerfMonProperties.PREFIX)
public class PerfMonProperties implements Validator {

    /** The prefix of every perfmon property. */
    public static final String PREFIX = "perfmon";

    /** Whether perfmon is on at all; false leaves no perfmon bean and no perfmon listener in Hibernate. */
    private boolean enabled = true;

    /** p99 latency objective per route. */
    private Duration latencySlo = Duration.ofMillis(400);

    /** p99 latency that raises a warning, at most latency-slo; default 3/4 of the objective. */
    private @Nullable Duration latencyWarning;

    /** Required share of 2xx responses, in (0, 1]. */
    private double successRatioSlo = 0.99;

    /** Error-rate (4xx and 5xx share) warning threshold, in (0, 1]. */
    private double errorRateWarning = 0.05;

    /** Error-rate critical threshold, in (0, 1], at least the warning. */
    private double errorRateCritical = 0.10;

    /** 5xx-share warning threshold, in (0, 1]. */
    private double serverErrorRateWarning = 0.05;

    /** 5xx-share critical threshold, in (0, 1], at least the warning. */
    private double serverErrorRateCritical = 0.10;

    /** Process CPU warning threshold, in (0, 1]. */
    private double cpuWarning = 0.70;

    /** Process CPU critical threshold, in (0, 1], at least the warning. */
    private double cpuCritical = 0.90;

    /** Heap used/max warning threshold, in (0, 1]. */
    private double heapWarning = 0.85;

    /** Heap used/max critical threshold, in (0, 1], at least the warning. */
    private double heapCritical = 0.95;

    /** Threads waiting on a full pool above which a warning is raised, 0 or more. */
    private int poolWaitingWarning = 0;

    /** Threads waiting on a full pool above which the state is critical, at least the warning. */
    private int poolWaitingCritical = 10;

    /** Cache hit ratio under which a cache raises a warning, in (0, 1]. */
    private double cacheHitRatioFloor = 0.80;

    /** Duration past which a request counts as slow. */
    private Duration slowRequestThreshold = Duration.ofSeconds(1);

    /** Distinct values per meter and tag before they fold into the overflow value, at least 1. */
    private int maxTagValues = 100;

    /** The tag value past the cap. */
    private String overflowTagValue = "OTHER";

    /** Interval of the rate-limited finding log. */
    private Duration findingLogInterval = Duration.ofMinutes(1);

    /** Most lines the finding log writes per interval, at least 1. */
    private int findingLogBudget = 100;

    /** Whether findings (N+1, pool exhaustion, slow requests) are logged. */
    private boolean logFindings = true;

    /** JVM and system binders, for those Boot's actuator has not bound. */
    @NestedConfigurationProperty
    private final Toggle jvmMetrics = new Toggle();

    /** The request filter. */
    @NestedConfigurationProperty
    private final HttpProperties http = new HttpProperties();

    /** The DataSource, HikariCP and Hibernate instrumentation. */
    @NestedConfigurationProperty
    private final JdbcProperties jdbc = new JdbcProperties();

    /** The report behind the perfmon actuator endpoint. */
    @NestedConfigurationProperty
    private final ReportProperties report = new ReportProperties();

    /** The health monitor (rules held for a duration) feeding the report's verdicts. */
    @NestedConfigurationProperty
    private final Toggle health = new Toggle();

    /** The dashboard page under the actuator base path ({@code /actuator/perfmon/dashboard/}), when the perfmon endpoint is exposed over the web. */
    @NestedConfigurationProperty
    private final Toggle dashboard = new Toggle();

    /** The Spring Cache instrumentation (every CacheManager bean). */
    @NestedConfigurationProperty
    private final CacheProperties cache = new CacheProperties();

    /** Spring Data Redis on Lettuce: command latency and the request's redis segment. */
    @NestedConfigurationProperty
    private final Toggle redis = new Toggle();

    /** @return the {@link PerfMonConfig} these settings describe */
    public PerfMonConfig toConfig() {
        PerfMonConfig.Builder b = PerfMonConfig.builder()
                .latencySlo(latencySlo)
                .successRatioSlo(successRatioSlo)
                .errorRate(errorRateWarning, errorRateCritical)
                .serverErrorRate(serverErrorRateWarning, serverErrorRateCritical)
                .cpu(cpuWarning, cpuCritical)
                .heap(heapWarning, heapCritical)
                .poolWaiting(poolWaitingWarning, poolWaitingCritical)
                .cacheHitRatioFloor(cacheHitRatioFloor)
                .slowRequestThreshold(slowRequestThreshold)
                .maxTagValues(maxTagValues)
                .overflowTagValue(overflowTagValue)
                .findingLogInterval(findingLogInterval)
                .findingLogBudget(findingLogBudget)
                .logFindings(logFindings);
        if (latencyWarning != null) {
            b.latencyWarning(latencyWarning);
        }
        return b.build();
    }

    @Override
    public boolean supports(Class<?> type) {
        return PerfMonProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        PropertiesValidation.validate((PerfMonProperties) target, errors);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getLatencySlo() {
        return latencySlo;
    }

    public void setLatencySlo(Duration latencySlo) {
        this.latencySlo = latencySlo;
    }

    public @Nullable Duration getLatencyWarning() {
        return latencyWarning;
    }

    public void setLatencyWarning(@Nullable Duration latencyWarning) {
        this.latencyWarning = latencyWarning;
    }

    public double getSuccessRatioSlo() {
        return successRatioSlo;
    }

    public void setSuccessRatioSlo(double successRatioSlo) {
        this.successRatioSlo = successRatioSlo;
    }

    public double getErrorRateWarning() {
        return errorRateWarning;
    }

    public void setErrorRateWarning(double errorRateWarning) {
        this.errorRateWarning = errorRateWarning;
    }

    public double getErrorRateCritical() {
        return errorRateCritical;
    }

    public void setErrorRateCritical(double errorRateCritical) {
        this.errorRateCritical = errorRateCritical;
    }

    public double getServerErrorRateWarning() {
        return serverErrorRateWarning;
    }

    public void setServerErrorRateWarning(double serverErrorRateWarning) {
        this.serverErrorRateWarning = serverErrorRateWarning;
    }

    public double getServerErrorRateCritical() {
        return serverErrorRateCritical;
    }

    public void setServerErrorRateCritical(double serverErrorRateCritical) {
        this.serverErrorRateCritical = serverErrorRateCritical;
    }

    public double getCpuWarning() {
        return cpuWarning;
    }

    public void setCpuWarning(double cpuWarning) {
        this.cpuWarning = cpuWarning;
    }

    public double getCpuCritical() {
        return cpuCritical;
    }

    public void setCpuCritical(double cpuCritical) {
        this.cpuCritical = cpuCritical;
    }

    public double getHeapWarning() {
        return heapWarning;
    }

    public void setHeapWarning(double heapWarning) {
        this.heapWarning = heapWarning;
    }

    public double getHeapCritical() {
        return heapCritical;
    }

    public void setHeapCritical(double heapCritical) {
        this.heapCritical = heapCritical;
    }

    public int getPoolWaitingWarning() {
        return poolWaitingWarning;
    }

    public void setPoolWaitingWarning(int poolWaitingWarning) {
        this.poolWaitingWarning = poolWaitingWarning;
    }

    public int getPoolWaitingCritical() {
        return poolWaitingCritical;
    }

    public void setPoolWaitingCritical(int poolWaitingCritical) {
        this.poolWaitingCritical = poolWaitingCritical;
    }

    public double getCacheHitRatioFloor() {
        return cacheHitRatioFloor;
    }

    public void setCacheHitRatioFloor(double cacheHitRatioFloor) {
        this.cacheHitRatioFloor = cacheHitRatioFloor;
    }

    public Duration getSlowRequestThreshold() {
        return slowRequestThreshold;
    }

    public void setSlowRequestThreshold(Duration slowRequestThreshold) {
        this.slowRequestThreshold = slowRequestThreshold;
    }

    public int getMaxTagValues() {
        return maxTagValues;
    }

    public void setMaxTagValues(int maxTagValues) {
        this.maxTagValues = maxTagValues;
    }

    public String getOverflowTagValue() {
        return overflowTagValue;
    }

    public void setOverflowTagValue(String overflowTagValue) {
        this.overflowTagValue = overflowTagValue;
    }

    public Duration getFindingLogInterval() {
        return findingLogInterval;
    }

    public void setFindingLogInterval(Duration findingLogInterval) {
        this.findingLogInterval = findingLogInterval;
    }

    public int getFindingLogBudget() {
        return findingLogBudget;
    }

    public void setFindingLogBudget(int findingLogBudget) {
        this.findingLogBudget = findingLogBudget;
    }

    public boolean isLogFindings() {
        return logFindings;
    }

    public void setLogFindings(boolean logFindings) {
        this.logFindings = logFindings;
    }

    public Toggle getJvmMetrics() {
        return jvmMetrics;
    }

    public HttpProperties getHttp() {
        return http;
    }

    public JdbcProperties getJdbc() {
        return jdbc;
    }

    public ReportProperties getReport() {
        return report;
    }

    public Toggle getHealth() {
        return health;
    }

    public Toggle getDashboard() {
        return dashboard;
    }

    public CacheProperties getCache() {
        return cache;
    }

    public Toggle getRedis() {
        return redis;
    }

    /** A part that is only switched on or off. */
    public static class Toggle {

        /** Whether this part is on. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
