package dev.perfmon.core.health;

import dev.perfmon.core.PerfMonConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration fields the health rules added, with the mission's defaults. */
class HealthConfigTest {

    @Test
    void defaultsAreTheMissionThresholds() {
        PerfMonConfig config = PerfMonConfig.defaults();
        assertThat(config.latencyWarning()).isEqualTo(Duration.ofMillis(300));
        assertThat(config.serverErrorRateWarning()).isEqualTo(0.05);
        assertThat(config.serverErrorRateCritical()).isEqualTo(0.10);
        assertThat(config.heapWarning()).isEqualTo(0.85);
        assertThat(config.heapCritical()).isEqualTo(0.95);
        assertThat(config.poolWaitingWarning()).isZero();
        assertThat(config.poolWaitingCritical()).isEqualTo(10);
        assertThat(config.cacheHitRatioFloor()).isEqualTo(0.80);
    }

    @Test
    void theLatencyWarningFollowsTheObjectiveUnlessSetExplicitly() {
        PerfMonConfig derived = PerfMonConfig.builder().latencySlo(Duration.ofMillis(200)).build();
        assertThat(derived.latencyWarning()).isEqualTo(Duration.ofMillis(150));
        assertThat(derived.toBuilder().latencySlo(Duration.ofSeconds(1)).build().latencyWarning())
                .isEqualTo(Duration.ofMillis(750));
        PerfMonConfig explicit = PerfMonConfig.builder().latencyWarning(Duration.ofMillis(350)).build();
        assertThat(explicit.toBuilder().build().latencyWarning()).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void invalidValuesAreRejectedWithTheValueInTheMessage() {
        assertThatThrownBy(() -> PerfMonConfig.builder().latencyWarning(Duration.ofMillis(500)).build())
                .hasMessage("latencyWarning must not exceed latencySlo, was latencyWarning=PT0.5S latencySlo=PT0.4S");
        assertThatThrownBy(() -> PerfMonConfig.builder().serverErrorRate(0.2, 0.1).build())
                .hasMessage("serverErrorRate warning must not exceed critical, was warning=0.2 critical=0.1");
        assertThatThrownBy(() -> PerfMonConfig.builder().heap(0, 0.9).build())
                .hasMessage("heapWarning must be in (0, 1], was 0.0");
        assertThatThrownBy(() -> PerfMonConfig.builder().poolWaiting(-1, 3).build())
                .hasMessage("poolWaiting must satisfy 0 <= warning <= critical, was warning=-1 critical=3");
        assertThatThrownBy(() -> PerfMonConfig.builder().cacheHitRatioFloor(1.5).build())
                .hasMessage("cacheHitRatioFloor must be in (0, 1], was 1.5");
    }
}
