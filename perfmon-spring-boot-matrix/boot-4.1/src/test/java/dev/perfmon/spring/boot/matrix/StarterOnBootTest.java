package dev.perfmon.spring.boot.matrix;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;

/** The blog scenarios on Boot 4.x, with metrics export and tracing on (Boot 4's test modules). */
@AutoConfigureMetrics
@AutoConfigureTracing
class StarterOnBootTest extends BlogScenarios {
}
