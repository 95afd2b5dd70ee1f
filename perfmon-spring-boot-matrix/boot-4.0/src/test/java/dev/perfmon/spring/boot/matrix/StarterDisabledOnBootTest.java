package dev.perfmon.spring.boot.matrix;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;

/** {@code perfmon.enabled=false} on Boot 4.x, with metrics export on (Boot 4's test module). */
@AutoConfigureMetrics
class StarterDisabledOnBootTest extends DisabledBlogScenarios {
}
