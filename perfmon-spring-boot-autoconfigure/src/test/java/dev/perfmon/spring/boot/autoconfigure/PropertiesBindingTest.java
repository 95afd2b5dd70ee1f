package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import dev.perfmon.servlet.HttpMetricsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code perfmon.*} reaches perfmon's configurations; a bad value stops startup naming its property. */
class PropertiesBindingTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PerfMonAutoConfiguration.class,
                    PerfMonServletAutoConfiguration.class, PerfMonJdbcAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void settingsReachPerfmonsConfigurations() {
        runner.withPropertyValues("perfmon.latency-slo=250ms", "perfmon.error-rate-warning=0.02",
                "perfmon.max-tag-values=40", "perfmon.overflow-tag-value=OVERFLOW",
                "perfmon.http.percentile-histogram=true", "perfmon.http.slo-buckets=100ms,1s",
                "perfmon.http.server-timing=true",
                "perfmon.jdbc.n-plus-one.min-executions=3", "perfmon.jdbc.n-plus-one.allowed-sql=audit_log",
                "perfmon.jdbc.pool.max-holders=9", "perfmon.jdbc.sql-cache-size=64",
                "perfmon.jdbc.n-plus-one.severity-floor=5ms").run(context -> {
                    assertThat(context).hasNotFailed();
                    PerfMonConfig config = context.getBean(PerfMon.class).config();
                    assertThat(config.latencySlo()).isEqualTo(Duration.ofMillis(250));
                    assertThat(config.errorRateWarning()).isEqualTo(0.02);
                    assertThat(config.maxTagValues()).isEqualTo(40);
                    assertThat(config.overflowTagValue()).isEqualTo("OVERFLOW");
                    HttpMetricsConfig http = context.getBean(HttpMetricsConfig.class);
                    assertThat(http.percentileHistogram()).isTrue();
                    assertThat(http.sloBuckets()).containsExactly(Duration.ofMillis(100), Duration.ofSeconds(1));
                    assertThat(http.serverTimingEnabled()).isTrue();
                    NPlusOneConfig nPlusOne = context.getBean(NPlusOneConfig.class);
                    assertThat(nPlusOne.minExecutions()).isEqualTo(3);
                    assertThat(nPlusOne.severityFloor()).isEqualTo(Duration.ofMillis(5));
                    assertThat(nPlusOne.allowedSql()).extracting(Object::toString).containsExactly("audit_log");
                    assertThat(context).hasSingleBean(PerfMonPoolMonitor.class);
                });
    }

    @Test
    void theDetectorCanBeTurnedOffWhileSqlIsStillTimed() {
        runner.withPropertyValues("perfmon.jdbc.n-plus-one.enabled=false").run(context ->
                assertThat(context.getBean(NPlusOneConfig.class).enabled()).isFalse());
    }

    @Test
    void actuatorIsLeftOutOfTheApplicationsNumbersUnlessIncluded() {
        runner.run(context -> assertThat(excluded(context.getBean(HttpMetricsConfig.class), "/actuator/health")).isTrue());
        runner.withPropertyValues("management.endpoints.web.base-path=/manage").run(context -> {
            assertThat(excluded(context.getBean(HttpMetricsConfig.class), "/manage/prometheus")).isTrue();
            assertThat(excluded(context.getBean(HttpMetricsConfig.class), "/actuator/health")).isFalse();
        });
        runner.withPropertyValues("perfmon.http.include-actuator=true").run(context ->
                assertThat(excluded(context.getBean(HttpMetricsConfig.class), "/actuator/health")).isFalse());
    }

    @Test
    void anInvalidValueStopsStartupNamingItsProperty() {
        assertFailsNaming("perfmon.latency-slo", "perfmon.latency-slo=-1s");
        assertFailsNaming("perfmon.latency-slo", "perfmon.latency-slo=soon");
        assertFailsNaming("perfmon.success-ratio-slo", "perfmon.success-ratio-slo=1.5");
        assertFailsNaming("perfmon.error-rate-warning", "perfmon.error-rate-warning=0.5", "perfmon.error-rate-critical=0.2");
        assertFailsNaming("perfmon.latency-warning", "perfmon.latency-warning=2s");
        assertFailsNaming("perfmon.max-tag-values", "perfmon.max-tag-values=0");
        assertFailsNaming("perfmon.http.slo-buckets", "perfmon.http.slo-buckets=0ms");
        assertFailsNaming("perfmon.http.exclude-path-prefixes", "perfmon.http.exclude-path-prefixes=static");
        assertFailsNaming("perfmon.http.declared-routes", "perfmon.http.declared-routes=/posts");
        assertFailsNaming("perfmon.jdbc.n-plus-one.min-executions", "perfmon.jdbc.n-plus-one.min-executions=1");
        assertFailsNaming("perfmon.jdbc.n-plus-one.allowed-sql", "perfmon.jdbc.n-plus-one.allowed-sql=(unclosed");
        assertFailsNaming("perfmon.jdbc.pool.sample-interval", "perfmon.jdbc.pool.sample-interval=5s");
        assertFailsNaming("perfmon.jdbc.pool.max-holders", "perfmon.jdbc.pool.max-holders=0");
        assertFailsNaming("perfmon.report.sample-interval", "perfmon.report.sample-interval=0s");
    }

    private void assertFailsNaming(String property, String... values) {
        runner.withPropertyValues(values).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            List<Throwable> chain = new ArrayList<>();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                chain.add(t);
            }
            assertThat(chain).as("a binding failure").anyMatch(BindException.class::isInstance);
            assertThat(chain).as("no exception from inside perfmon")
                    .noneMatch(t -> t.getStackTrace().length > 0 && t.getStackTrace()[0].getClassName().startsWith("dev.perfmon."));
            String messages = chain.stream().map(String::valueOf).reduce("", (a, b) -> a + "\n" + b);
            assertThat(messages).as(String.join(", ", values)).contains(property);
        });
    }

    private static boolean excluded(HttpMetricsConfig config, String path) {
        org.springframework.mock.web.MockHttpServletRequest request =
                new org.springframework.mock.web.MockHttpServletRequest("GET", path);
        return config.exclude().test(request);
    }
}
