package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.spring.boot.autoconfigure.internal.JvmBinders;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * perfmon's core for a Boot application with a {@link MeterRegistry} (actuator): a
 * {@link PerfMon} over Boot's registry, closed with the context, the JVM/system binders Boot has
 * not bound, the {@link HealthMonitor} and the {@link PerfReporter} behind the {@code perfmon}
 * endpoint. {@code perfmon.enabled=false} turns all of perfmon off; every bean backs off when the
 * application defines its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.JvmMetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.SystemMetricsAutoConfiguration"})
@ConditionalOnClass({PerfMon.class, MeterRegistry.class})
@ConditionalOnProperty(prefix = PerfMonProperties.PREFIX, name = "enabled", matchIfMissing = true)
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(PerfMonProperties.class)
public class PerfMonAutoConfiguration {

    /**
     * @return the application's PerfMon over Boot's registry, with {@code perfmon.*}'s thresholds;
     *     closing the context closes it and everything registered with it
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public PerfMon perfMon(MeterRegistry registry, PerfMonProperties settings) {
        return PerfMon.builder(registry).config(settings.toConfig()).build();
    }

    /** @return the live health verdicts the report shows; closed with the PerfMon */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = PerfMonProperties.PREFIX, name = "health.enabled", matchIfMissing = true)
    public HealthMonitor perfMonHealthMonitor(PerfMon perfMon) {
        return HealthMonitor.builder(perfMon).start();
    }

    /** @return the reporter behind the {@code perfmon} endpoint, sampling since start; closed with the PerfMon */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = PerfMonProperties.PREFIX, name = "report.enabled", matchIfMissing = true)
    public PerfReporter perfMonReporter(PerfMon perfMon, PerfMonProperties settings,
                                        ObjectProvider<HealthMonitor> health) {
        ReportProperties report = settings.getReport();
        PerfReporter.Builder builder = PerfReporter.builder(perfMon)
                .sampleInterval(report.getSampleInterval())
                .retention(report.getRetention())
                .maxFindings(report.getMaxFindings());
        health.ifAvailable(builder::health);
        return builder.start();
    }

    /** Binds the JVM/system binders actuator's JVM and system metrics have not bound. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PerfMonProperties.PREFIX, name = "jvm-metrics.enabled", matchIfMissing = true)
    static class JvmMetricsConfiguration {

        /** @return the names of the binders perfmon bound (none where actuator binds them all) */
        @Bean
        @ConditionalOnMissingBean
        PerfMonJvmBinders perfMonJvmBinders(PerfMon perfMon, ListableBeanFactory beans) {
            return new PerfMonJvmBinders(JvmBinders.bindMissing(perfMon, beans));
        }
    }
}
