package dev.perfmon.spring.boot.matrix;

import dev.perfmon.spring.boot.autoconfigure.PerfMonServletAutoConfiguration;
import dev.perfmon.testsupport.Await;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.samples.blog.BlogApplication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blog with a {@link ServerRequestObservationConvention} of its own, as applications write
 * one to add a tag to their HTTP spans: the span keeps the convention's tag, and each request is
 * still counted once, by perfmon. Run by each Boot line from a subclass, as {@link BlogScenarios}.
 */
@SpringBootTest(classes = {BlogApplication.class, OwnConventionBlogScenarios.TenantConvention.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OwnConventionBlogScenarios {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Autowired
    SimpleTracer tracer;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        BlogRedis.properties(registry);
    }

    @Test
    void theSpanCarriesTheConventionsTagAndTheRequestIsCountedOnce() throws InterruptedException {
        assertThat(new Http(port).get("/trace").statusCode()).isEqualTo(200);

        SimpleSpan span = Await.value("the ended server span of GET /trace", () -> tracer.getSpans().stream()
                .filter(s -> "http get /trace".equals(s.getName()) && s.getTags().containsKey("status"))
                .findFirst().orElse(null));
        assertThat(span.getTags()).containsEntry("tenant", "blog").containsEntry("uri", "/trace");
        Await.until("perfmon's timer of /trace", () -> count() == 1);
        Thread.sleep(300); // a second writer would record after the first
        assertThat(count()).isEqualTo(1);
        assertThat(registry.find("http.server.requests").tagKeys("tenant").meters()).isEmpty();
        assertThat(registry.getMeters()).noneMatch(meter -> meter.getId().getName()
                .startsWith(PerfMonServletAutoConfiguration.OBSERVATION_NAME));
    }

    private long count() {
        return registry.find("http.server.requests").tag("uri", "/trace").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    /** The application's convention: Spring's, plus a tag of its own. */
    @Configuration(proxyBeanMethods = false)
    static class TenantConvention {

        @Bean
        ServerRequestObservationConvention tenantConvention() {
            return new DefaultServerRequestObservationConvention() {
                @Override
                public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
                    return super.getLowCardinalityKeyValues(context).and("tenant", "blog");
                }
            };
        }
    }
}
