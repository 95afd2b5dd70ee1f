package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.PerfMon;
import dev.perfmon.servlet.HttpMetricsConfig;
import dev.perfmon.servlet.PerfMonFilter;
import dev.perfmon.servlet.RouteResolver;
import dev.perfmon.spring.boot.autoconfigure.internal.HttpConfigs;
import dev.perfmon.spring.boot.autoconfigure.internal.MappedPathRouteResolver;
import dev.perfmon.spring.boot.autoconfigure.internal.ObservationConventionRenamer;
import org.springframework.beans.factory.ObjectProvider;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Times every request of a servlet application with {@link PerfMonFilter}, first in the chain,
 * so {@code http.server.requests} has perfmon's tags and routes (Spring MVC's patterns) and each
 * request's time is broken down into pool, SQL and the rest.
 *
 * <p>Boot's {@code ServerHttpObservationFilter} stays: its observation still makes the HTTP
 * server span and trace context. Only its meter is stopped, so each request is counted once: the
 * observation is given a name of its own ({@value #OBSERVATION_NAME}) and a {@link MeterFilter}
 * denies the meters Micrometer's meter handler derives from it (the timer, {@code .active} and
 * event counters). An application's own {@link ServerRequestObservationConvention} is kept for
 * the span; when it names the observation {@code http.server.requests}, it is given perfmon's
 * observation name the same way ({@link ObservationConventionRenamer}).
 */
@AutoConfiguration(after = PerfMonAutoConfiguration.class, beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.observation.web.servlet.WebMvcObservationAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({PerfMonFilter.class, FilterRegistrationBean.class})
@ConditionalOnProperty(prefix = PerfMonProperties.PREFIX, name = "http.enabled", matchIfMissing = true)
@ConditionalOnBean(PerfMon.class)
public class PerfMonServletAutoConfiguration {

    /** The name Boot's HTTP server observation gets, whose meters are denied. */
    public static final String OBSERVATION_NAME = "perfmon.observed.http.server.requests";

    private static final String ACTUATOR_BASE_PATH = "management.endpoints.web.base-path";

    /**
     * @param resolvers {@link RouteResolver} beans, consulted in order before the built-in chain
     *     (perfmon's attribute, Spring MVC's pattern, servlet mappings, status, templated path)
     * @return the filter's settings from {@code perfmon.http.*}; actuator's endpoints left out
     *     unless {@code perfmon.http.include-actuator}
     */
    @Bean
    @ConditionalOnMissingBean
    public HttpMetricsConfig perfMonHttpMetricsConfig(PerfMonProperties settings, Environment environment,
                                                      ObjectProvider<RouteResolver> resolvers) {
        return HttpConfigs.toConfig(settings.getHttp(), environment.getProperty(ACTUATOR_BASE_PATH, "/actuator"),
                resolvers.orderedStream().toList());
    }

    /** Names requests Spring MVC rejected before choosing a handler (401/403/405/415...) by their mapping's pattern. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RequestMappingHandlerMapping.class)
    static class SpringMvcRoutesConfiguration {

        /** @return the resolver matching rejected requests' paths against the application's mappings */
        @Bean
        @ConditionalOnMissingBean
        MappedPathRouteResolver perfMonMappedPathRouteResolver(ObjectProvider<RequestMappingHandlerMapping> mappings) {
            return new MappedPathRouteResolver(mappings);
        }
    }

    /** @return the filter, for REQUEST and ASYNC dispatches, async-supported, on every path */
    @Bean
    @ConditionalOnMissingBean(value = PerfMonFilter.class, name = PerfMonFilter.FILTER_NAME)
    public FilterRegistrationBean<PerfMonFilter> perfMonFilter(PerfMon perfMon, HttpMetricsConfig config,
                                                               PerfMonProperties settings) {
        FilterRegistrationBean<PerfMonFilter> registration = new FilterRegistrationBean<>(new PerfMonFilter(perfMon, config));
        registration.setName(PerfMonFilter.FILTER_NAME);
        registration.setOrder(settings.getHttp().getFilterOrder());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Keeps Boot's HTTP server observation (spans, trace context) and stops only its meter. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ServerRequestObservationConvention.class, ObservationRegistry.class})
    static class ObservationMeterConfiguration {

        /** @return Spring's own convention (same span name and tags) under perfmon's observation name */
        @Bean
        @ConditionalOnMissingBean(ServerRequestObservationConvention.class)
        DefaultServerRequestObservationConvention perfMonServerRequestObservationConvention() {
            return new DefaultServerRequestObservationConvention(OBSERVATION_NAME);
        }

        /**
         * Static, so it exists before the application's convention it post-processes.
         *
         * @return the post-processor giving the application's own convention perfmon's observation name
         */
        @Bean
        static ObservationConventionRenamer perfMonObservationConventionRenamer(ObjectProvider<PerfMon> perfMon) {
            return new ObservationConventionRenamer(perfMon, PerfMonFilter.REQUESTS_METER, OBSERVATION_NAME);
        }

        /** @return a filter denying the meters of that observation */
        @Bean
        MeterFilter perfMonObservedRequestsMeterFilter() {
            return MeterFilter.deny(id -> id.getName().equals(OBSERVATION_NAME)
                    || id.getName().startsWith(OBSERVATION_NAME + "."));
        }
    }
}
