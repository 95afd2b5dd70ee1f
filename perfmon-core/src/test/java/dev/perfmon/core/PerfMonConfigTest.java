package dev.perfmon.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerfMonConfigTest {

    @Test
    void defaultsAreTheCommonServiceLevelObjectives() {
        PerfMonConfig config = PerfMonConfig.defaults();
        assertThat(config.latencySlo()).isEqualTo(Duration.ofMillis(400));
        assertThat(config.successRatioSlo()).isEqualTo(0.99);
        assertThat(config.errorRateWarning()).isEqualTo(0.05);
        assertThat(config.errorRateCritical()).isEqualTo(0.10);
        assertThat(config.cpuWarning()).isEqualTo(0.70);
        assertThat(config.cpuCritical()).isEqualTo(0.90);
        assertThat(config.maxTagValues()).isEqualTo(100);
        assertThat(config.overflowTagValue()).isEqualTo("OTHER");
    }

    @Test
    void aNegativeLatencySloIsRejectedWithItsValue() {
        assertThatThrownBy(() -> PerfMonConfig.builder().latencySlo(Duration.ofMillis(-5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latencySlo must be positive, was PT-0.005S");
    }

    @Test
    void aSuccessRatioAboveOneIsRejectedWithItsValue() {
        assertThatThrownBy(() -> PerfMonConfig.builder().successRatioSlo(99).build())
                .hasMessage("successRatioSlo must be in (0, 1], was 99.0");
    }

    @Test
    void aWarningAboveCriticalIsRejectedWithBothValues() {
        assertThatThrownBy(() -> PerfMonConfig.builder().errorRate(0.2, 0.1).build())
                .hasMessage("errorRate warning must not exceed critical, was warning=0.2 critical=0.1");
        assertThatThrownBy(() -> PerfMonConfig.builder().cpu(0.95, 0.9).build())
                .hasMessageContaining("warning=0.95 critical=0.9");
    }

    @Test
    void aNotANumberRatioIsRejected() {
        assertThatThrownBy(() -> PerfMonConfig.builder().cpu(Double.NaN, 0.9).build())
                .hasMessage("cpuWarning must be in (0, 1], was NaN");
    }

    @Test
    void aTagCapBelowOneAndABlankOverflowValueAreRejected() {
        assertThatThrownBy(() -> PerfMonConfig.builder().maxTagValues(0).build())
                .hasMessage("maxTagValues must be at least 1, was 0");
        assertThatThrownBy(() -> PerfMonConfig.builder().overflowTagValue(" ").build())
                .hasMessage("overflowTagValue must not be blank, was ' '");
    }

    @Test
    void theFindingLogBudgetDefaultsToOneHundredLinesAndMustBeAtLeastOne() {
        assertThat(PerfMonConfig.defaults().findingLogBudget()).isEqualTo(100);
        assertThat(PerfMonConfig.builder().findingLogBudget(1).build().findingLogBudget()).isEqualTo(1);
        assertThatThrownBy(() -> PerfMonConfig.builder().findingLogBudget(0).build())
                .hasMessage("findingLogBudget must be at least 1, was 0");
    }

    @Test
    void toBuilderKeepsEveryValue() {
        PerfMonConfig config = PerfMonConfig.builder().latencySlo(Duration.ofMillis(250)).maxTagValues(7)
                .findingLogBudget(12).logFindings(false).build();
        assertThat(config.toBuilder().build().toString()).isEqualTo(config.toString());
    }
}
