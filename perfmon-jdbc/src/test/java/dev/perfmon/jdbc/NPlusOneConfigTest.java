package dev.perfmon.jdbc;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NPlusOneConfigTest {

    @Test
    void defaultsAreFiveExecutionsTwoParameterSetsThreeDuplicatesAndFiftyMilliseconds() {
        NPlusOneConfig config = NPlusOneConfig.defaults();
        assertThat(config.enabled()).isTrue();
        assertThat(config.minExecutions()).isEqualTo(5);
        assertThat(config.minDistinctParameterSets()).isEqualTo(2);
        assertThat(config.minDuplicateExecutions()).isEqualTo(3);
        assertThat(config.severityFloor()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.allowedCallSites()).isEmpty();
        assertThat(config.allowedSql()).isEmpty();
        assertThat(config.ignoredFrames()).isEmpty();
        assertThat(config.applicationPackages()).isEmpty();
        assertThat(config.maxStateBytesPerScope()).isEqualTo(1024 * 1024);
    }

    @Test
    void strictModeReportsFromTwoExecutions() {
        assertThat(NPlusOneConfig.strict().minExecutions()).isEqualTo(2);
        assertThat(NPlusOneConfig.strict().minDuplicateExecutions()).isEqualTo(2);
        assertThat(NPlusOneConfig.disabled().enabled()).isFalse();
    }

    @Test
    void toBuilderKeepsEverySetting() {
        NPlusOneConfig config = NPlusOneConfig.builder().minExecutions(7).minDistinctParameterSets(3)
                .minDuplicateExecutions(4).severityFloor(Duration.ofMillis(5)).allowCallSite("com.example.Job")
                .allowSql("^select 1$").ignoreFramesFrom("com.example.repo.")
                .applicationPackages("org.springframework.samples.petclinic.", "com.example.")
                .maxStateBytesPerScope(256 * 1024).build();
        NPlusOneConfig copy = config.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(config.toString());
        assertThat(copy.maxStateBytesPerScope()).isEqualTo(256 * 1024);
        assertThat(copy.applicationPackages()).containsExactly("org.springframework.samples.petclinic.", "com.example.");
        assertThat(copy.allowedSql().get(0).pattern()).isEqualTo("^select 1$");
        assertThatThrownBy(() -> copy.allowedCallSites().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void invalidValuesAreRejectedWithTheValueInTheMessage() {
        assertThatThrownBy(() -> NPlusOneConfig.builder().minExecutions(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minExecutions must be at least 2, was 1");
        assertThatThrownBy(() -> NPlusOneConfig.builder().minDistinctParameterSets(6).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minDistinctParameterSets must be from 2 to minExecutions (5), was 6");
        assertThatThrownBy(() -> NPlusOneConfig.builder().minDuplicateExecutions(1).build())
                .hasMessage("minDuplicateExecutions must be at least 2, was 1");
        assertThatThrownBy(() -> NPlusOneConfig.builder().maxStateBytesPerScope(65_535).build())
                .hasMessage("maxStateBytesPerScope must be at least 65536, was 65535");
        assertThatThrownBy(() -> NPlusOneConfig.builder().severityFloor(Duration.ofMillis(-1)).build())
                .hasMessage("severityFloor must not be negative, was PT-0.001S");
        assertThatThrownBy(() -> NPlusOneConfig.builder().allowSql("(unclosed"))
                .hasMessageContaining("'(unclosed'");
        assertThatThrownBy(() -> NPlusOneConfig.builder().allowCallSite(""))
                .hasMessage("call-site prefix must not be blank, was ''");
        assertThatThrownBy(() -> NPlusOneConfig.builder().ignoreFramesFrom(" "))
                .hasMessage("frame prefix must not be blank, was ' '");
        assertThatThrownBy(() -> NPlusOneConfig.builder().applicationPackages("com.example.", ""))
                .hasMessage("application package must not be blank, was ''");
    }
}
