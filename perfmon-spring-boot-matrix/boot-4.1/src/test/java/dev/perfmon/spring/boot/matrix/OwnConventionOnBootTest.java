package dev.perfmon.spring.boot.matrix;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;

/** The application's own HTTP observation convention on Boot 4.x, with metrics export and tracing on. */
@AutoConfigureMetrics
@AutoConfigureTracing
class OwnConventionOnBootTest extends OwnConventionBlogScenarios {
}
