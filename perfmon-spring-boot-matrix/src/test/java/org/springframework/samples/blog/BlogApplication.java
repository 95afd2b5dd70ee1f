package org.springframework.samples.blog;

import io.micrometer.tracing.test.simple.SimpleTracer;
import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * A small blog on Spring Boot with perfmon's starter and nothing perfmon-specific in it: MVC,
 * JPA on H2 over HikariCP, a Redis cache (Spring Data Redis on Lettuce), actuator with Prometheus, tracing into an in-memory tracer. It lives
 * in a package under {@code org.springframework} (as Spring's own sample applications do), where
 * only the auto-configuration packages tell perfmon that the controller is the application's code.
 */
@SpringBootApplication
@EnableCaching
public class BlogApplication {

    /** @return the tracer the HTTP server observation records its spans into */
    @Bean
    public SimpleTracer tracer() {
        return new SimpleTracer();
    }

    /** @return the span the Prometheus registry attaches to a measurement as its exemplar */
    @Bean
    public SpanContext exemplarSpans(SimpleTracer tracer) {
        return new SampledSpans(tracer);
    }

    /** @return a gate answering 401 for {@code /admin/**} without a token, before Spring MVC runs (as a security filter) */
    @Bean
    public FilterRegistrationBean<AdminGate> adminGate() {
        FilterRegistrationBean<AdminGate> registration = new FilterRegistrationBean<>(new AdminGate());
        registration.addUrlPatterns("/admin/*");
        return registration;
    }

    public static void main(String[] args) {
        SpringApplication.run(BlogApplication.class, args);
    }
}
