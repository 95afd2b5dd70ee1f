package dev.perfmon.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The request filter's settings, {@code perfmon.http.}: the options of perfmon-servlet's
 * {@code HttpMetricsConfig}
 * plus where the filter sits in the chain and whether actuator's endpoints count as traffic.
 */
public class HttpProperties {

    /** Whether the request filter is registered. */
    private boolean enabled = true;

    /**
     * Order of the filter registration; default just inside Boot's observation filter (which runs at
     * {@code Ordered.HIGHEST_PRECEDENCE + 1}), so the request's span is current when perfmon records
     * {@code http.server.requests} and a registry that keeps exemplars gets its trace id, and still
     * before every other filter (Spring Security's chain included).
     */
    private int filterOrder = Integer.MIN_VALUE + 2;

    /** Whether requests to actuator's endpoints (management base path) are timed as application traffic. */
    private boolean includeActuator;

    /** Path prefixes within the application whose requests are not timed, each starting with '/'. */
    private List<String> excludePathPrefixes = new ArrayList<>();

    /** Whether every response carries a Server-Timing header (discloses internals: trusted clients only). */
    private boolean serverTiming;

    /**
     * SLO buckets of http.server.requests; the latency SLO is always added. Default 50, 100, 200,
     * 300, 400, 500 ms, 1, 2, 3, 5, 10 s.
     */
    private @Nullable List<Duration> sloBuckets;

    /** Whether the full percentile histogram is published for histogram_quantile. */
    private boolean percentileHistogram;

    /** Lowest bucket of the percentile histogram. */
    private Duration minimumExpectedValue = Duration.ofMillis(1);

    /** Highest bucket of the percentile histogram. */
    private Duration maximumExpectedValue = Duration.ofSeconds(30);

    /** Whether a response turning out to be text/event-stream is timed as long-lived. */
    private boolean detectEventStreams = true;

    /** Statuses whose series are created at zero for every named route and method; default 500, 503, none to turn it off. */
    private List<Integer> zeroStatuses = new ArrayList<>(List.of(500, 503));

    /** Routes declared up front as 'METHOD /template', so their zero series exist from the start. */
    private List<String> declaredRoutes = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getFilterOrder() {
        return filterOrder;
    }

    public void setFilterOrder(int filterOrder) {
        this.filterOrder = filterOrder;
    }

    public boolean isIncludeActuator() {
        return includeActuator;
    }

    public void setIncludeActuator(boolean includeActuator) {
        this.includeActuator = includeActuator;
    }

    public List<String> getExcludePathPrefixes() {
        return excludePathPrefixes;
    }

    public void setExcludePathPrefixes(List<String> excludePathPrefixes) {
        this.excludePathPrefixes = excludePathPrefixes;
    }

    public boolean isServerTiming() {
        return serverTiming;
    }

    public void setServerTiming(boolean serverTiming) {
        this.serverTiming = serverTiming;
    }

    public @Nullable List<Duration> getSloBuckets() {
        return sloBuckets;
    }

    public void setSloBuckets(@Nullable List<Duration> sloBuckets) {
        this.sloBuckets = sloBuckets;
    }

    public boolean isPercentileHistogram() {
        return percentileHistogram;
    }

    public void setPercentileHistogram(boolean percentileHistogram) {
        this.percentileHistogram = percentileHistogram;
    }

    public Duration getMinimumExpectedValue() {
        return minimumExpectedValue;
    }

    public void setMinimumExpectedValue(Duration minimumExpectedValue) {
        this.minimumExpectedValue = minimumExpectedValue;
    }

    public Duration getMaximumExpectedValue() {
        return maximumExpectedValue;
    }

    public void setMaximumExpectedValue(Duration maximumExpectedValue) {
        this.maximumExpectedValue = maximumExpectedValue;
    }

    public boolean isDetectEventStreams() {
        return detectEventStreams;
    }

    public void setDetectEventStreams(boolean detectEventStreams) {
        this.detectEventStreams = detectEventStreams;
    }

    public List<Integer> getZeroStatuses() {
        return zeroStatuses;
    }

    public void setZeroStatuses(List<Integer> zeroStatuses) {
        this.zeroStatuses = zeroStatuses;
    }

    public List<String> getDeclaredRoutes() {
        return declaredRoutes;
    }

    public void setDeclaredRoutes(List<String> declaredRoutes) {
        this.declaredRoutes = declaredRoutes;
    }
}
