package dev.perfmon.spring.boot.matrix;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/** The blog scenarios on Boot 3.5, with metrics export and tracing on (Boot 3's test support). */
@AutoConfigureObservability
class StarterOnBootTest extends BlogScenarios {
}
