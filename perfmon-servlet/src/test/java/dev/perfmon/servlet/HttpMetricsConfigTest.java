package dev.perfmon.servlet;

import dev.perfmon.core.PerfMonConfig;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpMetricsConfigTest {

    @Test
    void defaultsAreSafeAndIncludeTheFourHundredMillisecondBucket() {
        HttpMetricsConfig config = HttpMetricsConfig.defaults();
        assertThat(config.serverTimingEnabled()).isFalse();
        assertThat(config.sloBuckets()).contains(Duration.ofMillis(400));
        assertThat(config.percentileHistogram()).isFalse();
        assertThat(config.minimumExpectedValue()).isEqualTo(Duration.ofMillis(1));
        assertThat(config.maximumExpectedValue()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.routeResolvers()).hasSize(5);
        assertThat(config.detectEventStreams()).isTrue();
    }

    @Test
    void invalidValuesAreRejectedWithTheValueInTheMessage() {
        assertThatThrownBy(() -> HttpMetricsConfig.builder().sloBuckets(Duration.ofMillis(-5)).build())
                .hasMessageContaining("sloBuckets").hasMessageContaining("PT-0.005S");
        assertThatThrownBy(() -> HttpMetricsConfig.builder().minimumExpectedValue(Duration.ofSeconds(5))
                .maximumExpectedValue(Duration.ofSeconds(1)).build())
                .hasMessageContaining("PT5S").hasMessageContaining("PT1S");
        assertThatThrownBy(() -> HttpMetricsConfig.builder().excludePathPrefixes("metrics"))
                .hasMessageContaining("'metrics'");
        assertThatThrownBy(() -> HttpMetricsConfig.builder().minimumExpectedValue(Duration.ZERO).build())
                .hasMessageContaining("minimumExpectedValue").hasMessageContaining("PT0S");
    }

    @Test
    void sloBucketsCountRequestsUnderEachBoundaryWithTheLatencySloAdded() throws Exception {
        MockClock clock = new MockClock();
        PerfMonConfig perfMonConfig = PerfMonConfig.builder().logFindings(false).latencySlo(Duration.ofMillis(250)).build();
        try (TestApp app = TestApp.builder().clock(clock).perfMonConfig(perfMonConfig).setup(a -> a
                .servlet("/took/*", Servlets.of((req, res) -> {
                    clock.add(Long.parseLong(req.getPathInfo().substring(1)), TimeUnit.MILLISECONDS);
                }))).start()) {
            for (int millis : new int[] {40, 240, 350, 390, 450, 1500}) {
                app.get("/took/" + millis);
            }
            app.awaitCount(6, "uri", "/took/{id}");
            Timer timer = app.timer("uri", "/took/{id}");
            assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40 + 240 + 350 + 390 + 450 + 1500);
            assertThat(countAt(timer, 250)).isEqualTo(2);
            assertThat(countAt(timer, 300)).isEqualTo(2);
            assertThat(countAt(timer, 400)).isEqualTo(4);
            assertThat(countAt(timer, 500)).isEqualTo(5);
            assertThat(countAt(timer, 2000)).isEqualTo(6);
        }
    }

    private static double countAt(Timer timer, double millis) {
        for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
            if (bucket.bucket(TimeUnit.MILLISECONDS) == millis) {
                return bucket.count();
            }
        }
        throw new AssertionError("no bucket at " + millis + " ms");
    }
}
