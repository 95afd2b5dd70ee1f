package dev.perfmon.core;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmMetricsTest {

    @Test
    void oneCallBindsMicrometersJvmAndSystemBinders() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PerfMon perfMon = PerfMon.builder(registry).build()) {
            perfMon.bindJvmMetrics().bindJvmMetrics();
            assertThat(registry.get("process.cpu.usage").gauge().value()).isBetween(0.0, 1.0);
            assertThat(registry.get("system.cpu.count").gauge().value()).isGreaterThanOrEqualTo(1.0);
            assertThat(registry.get("jvm.memory.used").tag("area", "heap").gauges()).isNotEmpty();
            assertThat(registry.get("jvm.threads.live").gauge().value()).isGreaterThanOrEqualTo(1.0);
            assertThat(registry.get("process.uptime").timeGauge()).isNotNull();
            assertThat(registry.get("jvm.classes.loaded").gauge().value()).isPositive();
            assertThat(registry.find("process.files.open").gauge()).isNotNull();
            // The GC binder: its pool-size gauges appear when bound; pauses once a collection ran.
            assertThat(registry.find("jvm.gc.max.data.size").gauge()).isNotNull();
            assertThat(registry.find("jvm.gc.memory.allocated").counter()).isNotNull();
            // Bound once: a second call registers nothing new.
            assertThat(registry.find("process.cpu.usage").gauges()).hasSize(1);
        }
    }
}
