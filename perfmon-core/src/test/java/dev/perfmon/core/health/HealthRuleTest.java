package dev.perfmon.core.health;

import dev.perfmon.core.PerfMonConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthRuleTest {

    private static HealthRule.Builder valid(String name) {
        return HealthRule.builder(name).above(1, 2).query(RuleQuery.single(w -> 0));
    }

    @Test
    void invalidRulesAreRejectedWithTheValueInTheMessage() {
        assertThatThrownBy(() -> valid("Bad Name").build())
                .hasMessage("rule name must be lower-case dotted ([a-z][a-z0-9_.]*), was 'Bad Name'");
        assertThatThrownBy(() -> valid("r").above(Double.NaN, Double.NaN).build())
                .hasMessage("rule r needs a warning or a critical threshold, had none");
        assertThatThrownBy(() -> valid("r").above(3, 2).build())
                .hasMessage("rule r warning must be at most critical, were warning=3.0 critical=2.0");
        assertThatThrownBy(() -> valid("r").below(0.5, 0.9).build())
                .hasMessage("rule r warning must be at least critical, were warning=0.5 critical=0.9");
        assertThatThrownBy(() -> valid("r").window(Duration.ZERO).build())
                .hasMessage("rule r window must be positive, was PT0S");
        assertThatThrownBy(() -> valid("r").forDuration(Duration.ofSeconds(-1)).build())
                .hasMessage("rule r forDuration must not be negative, was PT-1S");
        assertThatThrownBy(() -> HealthRule.builder("r").above(1, 2).build())
                .hasMessage("rule r needs a query, had none");
    }

    @Test
    void classificationFollowsTheDirectionAndTheMostSevereBreachedThreshold() {
        HealthRule above = valid("a").build();
        assertThat(above.classify(0.5)).isEqualTo(HealthState.OK);
        assertThat(above.classify(1)).isEqualTo(HealthState.OK);
        assertThat(above.classify(1.5)).isEqualTo(HealthState.WARNING);
        assertThat(above.classify(2.5)).isEqualTo(HealthState.CRITICAL);
        assertThat(above.classify(Double.NaN)).isEqualTo(HealthState.OK);
        HealthRule below = valid("b").below(0.9, Double.NaN).unit(RuleUnit.RATIO).build();
        assertThat(below.classify(0.5)).isEqualTo(HealthState.WARNING);
        assertThat(below.summarize("posts", 0.5, HealthState.WARNING)).isEqualTo("posts: b 50 % < 90 % (warning)");
        assertThat(below.summarize("posts", 0.95, HealthState.OK)).isEqualTo("posts: b 95 % (ok, >= 90 %)");
    }

    @Test
    void builtInRulesTakeTheirThresholdsFromTheConfiguration() {
        PerfMonConfig config = PerfMonConfig.builder().latencySlo(Duration.ofMillis(250)).errorRate(0.02, 0.04)
                .cpu(0.6, 0.8).build();
        assertThat(HealthRules.latencyP99(config).critical()).isEqualTo(0.25);
        assertThat(HealthRules.latencyP99(config).warning()).isEqualTo(0.1875);
        assertThat(HealthRules.errorRate(config).warning()).isEqualTo(0.02);
        assertThat(HealthRules.errorRatePerRoute(config).critical()).isEqualTo(0.04);
        assertThat(HealthRules.cpu(config).critical()).isEqualTo(0.8);
        assertThat(HealthRules.defaults(config)).extracting(HealthRule::name).containsExactly("http.latency.p99",
                "http.latency.p99.route", "http.success.ratio", "http.error.rate", "http.error.rate.route",
                "http.server.error.rate", "process.cpu", "jvm.heap.usage");
    }

    @Test
    void unitsFormatValuesForPeople() {
        assertThat(RuleUnit.SECONDS.format(0.4123)).isEqualTo("412 ms");
        assertThat(RuleUnit.SECONDS.format(0.0075)).isEqualTo("7.5 ms");
        assertThat(RuleUnit.RATIO.format(0.073)).isEqualTo("7.3 %");
        assertThat(RuleUnit.RATIO.format(0.05)).isEqualTo("5 %");
        assertThat(RuleUnit.COUNT.format(12)).isEqualTo("12");
        assertThat(RuleUnit.COUNT.format(Double.NaN)).isEqualTo("n/a");
    }
}
