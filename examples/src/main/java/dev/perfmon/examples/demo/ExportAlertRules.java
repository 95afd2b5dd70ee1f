package dev.perfmon.examples.demo;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.health.HealthMonitor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Prints perfmon's built-in health rules (default thresholds, default 15 s evaluation interval)
 * as a Prometheus alerting-rules file: the source of {@code examples/monitoring/prometheus/perfmon-alerts.yml}.
 * {@code java -cp examples/target/perfmon-demo.jar dev.perfmon.examples.demo.ExportAlertRules > perfmon-alerts.yml}
 */
public final class ExportAlertRules {

    private ExportAlertRules() {
    }

    /** @return the rules file text */
    public static String render() {
        try (PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry()).build()) {
            return HealthMonitor.builder(perfMon).build().prometheusRules();
        }
    }

    /** @param args none */
    public static void main(String[] args) {
        System.out.print(render());
    }
}
