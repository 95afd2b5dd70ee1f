package dev.perfmon.examples.demo;

import dev.perfmon.cache.CacheDiagnosis;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.jdbc.pool.PoolDiagnosis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Prints the health rules of the demo's PerfMon (core's built-in ones and those perfmon-jdbc and
 * perfmon-cache contribute once attached; default thresholds, default 15 s evaluation interval)
 * as a Prometheus alerting-rules file: the source of {@code examples/monitoring/prometheus/perfmon-alerts.yml}.
 * {@code java -cp examples/target/perfmon-demo.jar dev.perfmon.examples.demo.ExportAlertRules > perfmon-alerts.yml}
 */
public final class ExportAlertRules {

    private ExportAlertRules() {
    }

    /** @return the rules file text */
    public static String render() {
        try (PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry()).build()) {
            // What the demo's data source and cache recorders register when they attach.
            perfMon.diagnoses().register(PoolDiagnosis.INSTANCE);
            perfMon.diagnoses().register(CacheDiagnosis.INSTANCE);
            return HealthMonitor.builder(perfMon).build().prometheusRules();
        }
    }

    /** @param args none */
    public static void main(String[] args) {
        System.out.print(render());
    }
}
