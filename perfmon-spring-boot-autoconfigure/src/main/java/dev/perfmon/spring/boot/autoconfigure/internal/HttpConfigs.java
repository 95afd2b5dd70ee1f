package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.servlet.HttpMetricsConfig;
import dev.perfmon.servlet.RouteResolver;
import dev.perfmon.spring.boot.autoconfigure.HttpProperties;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns {@code perfmon.http.*} into the filter's {@link HttpMetricsConfig}. */
public final class HttpConfigs {

    private HttpConfigs() {
    }

    /**
     * @param http the settings
     * @param actuatorBasePath actuator's web base path ({@code /actuator}), left out of the
     *     application's numbers unless {@code include-actuator}; null or {@code /} for none
     * @param resolvers consulted before the built-in route chain, in order
     * @return the filter configuration
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public static HttpMetricsConfig toConfig(HttpProperties http, @Nullable String actuatorBasePath, List<RouteResolver> resolvers) {
        List<String> excluded = new ArrayList<>(http.getExcludePathPrefixes());
        if (!http.isIncludeActuator() && actuatorBasePath != null && actuatorBasePath.startsWith("/")
                && actuatorBasePath.length() > 1) {
            String base = actuatorBasePath.endsWith("/")
                    ? actuatorBasePath.substring(0, actuatorBasePath.length() - 1) : actuatorBasePath;
            excluded.add(base); // the discovery page and every endpoint under it
        }
        HttpMetricsConfig.Builder b = HttpMetricsConfig.builder()
                .serverTiming(http.isServerTiming())
                .percentileHistogram(http.isPercentileHistogram())
                .minimumExpectedValue(http.getMinimumExpectedValue())
                .maximumExpectedValue(http.getMaximumExpectedValue())
                .detectEventStreams(http.isDetectEventStreams())
                .zeroStatuses(http.getZeroStatuses().stream().mapToInt(Integer::intValue).toArray())
                .declareRoutes(http.getDeclaredRoutes().toArray(new String[0]));
        if (http.getSloBuckets() != null) {
            b.sloBuckets(http.getSloBuckets().toArray(new Duration[0]));
        }
        resolvers.forEach(b::addRouteResolver);
        if (!excluded.isEmpty()) {
            b.excludePathPrefixes(excluded.toArray(new String[0]));
        }
        return b.build();
    }
}
