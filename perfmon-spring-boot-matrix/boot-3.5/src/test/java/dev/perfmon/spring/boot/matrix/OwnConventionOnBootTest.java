package dev.perfmon.spring.boot.matrix;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/** The application's own HTTP observation convention on Boot 3.5, with metrics export and tracing on. */
@AutoConfigureObservability
class OwnConventionOnBootTest extends OwnConventionBlogScenarios {
}
