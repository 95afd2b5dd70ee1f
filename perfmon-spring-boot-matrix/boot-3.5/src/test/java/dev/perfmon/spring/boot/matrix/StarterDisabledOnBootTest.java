package dev.perfmon.spring.boot.matrix;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/** {@code perfmon.enabled=false} on Boot 3.5, with metrics export on (Boot 3's test support). */
@AutoConfigureObservability(tracing = false)
class StarterDisabledOnBootTest extends DisabledBlogScenarios {
}
