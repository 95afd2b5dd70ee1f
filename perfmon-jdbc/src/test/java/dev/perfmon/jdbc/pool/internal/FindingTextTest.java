package dev.perfmon.jdbc.pool.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The small formatting pieces findings are written with. */
class FindingTextTest {

    @Test
    void durationsReadLikeAPersonWouldSayThem() {
        assertThat(Durations.format(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Durations.format(Duration.ofMillis(4_249))).isEqualTo("4.2 s");
        assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(Durations.format(Duration.ofSeconds(210))).isEqualTo("3.5 min");
    }

    @Test
    void theAcquisitionSiteIsTheFirstApplicationFrame() {
        StackTraceElement[] stack = {
            frame("dev.perfmon.jdbc.pool.internal.PoolTracker", "recordConnectionAcquiredNanos"),
            frame("com.zaxxer.hikari.pool.HikariPool", "getConnection"),
            frame("com.zaxxer.hikari.HikariDataSource", "getConnection"),
            frame("dev.perfmon.jdbc.PerfMonDataSource", "getConnection"),
            frame("org.springframework.jdbc.datasource.DataSourceUtils", "fetchConnection"),
            frame("com.acme.ReportService", "load"),
            frame("java.lang.Thread", "run"),
        };
        List<StackTraceElement> acquisition = StackFrames.acquisition(stack);

        assertThat(acquisition).first().extracting(StackTraceElement::getClassName)
                .isEqualTo("org.springframework.jdbc.datasource.DataSourceUtils");
        assertThat(StackFrames.site(acquisition)).isEqualTo("com.acme.ReportService.load(ReportService.java:1)");
        assertThat(StackFrames.site(List.of())).isEqualTo("unknown");
    }

    @Test
    void aDeepCurrentStackKeepsItsTopAndTheApplicationFrames() {
        StackTraceElement[] stack = new StackTraceElement[40];
        for (int i = 0; i < 30; i++) {
            stack[i] = frame("org.postgresql.core.Frame" + i, "read");
        }
        for (int i = 30; i < 40; i++) {
            stack[i] = frame("com.acme.Frame" + i, "work");
        }
        List<StackTraceElement> current = StackFrames.current(stack);

        assertThat(current).hasSize(14);
        assertThat(current.subList(0, 4)).containsExactly(stack[0], stack[1], stack[2], stack[3]);
        assertThat(current.get(4)).isEqualTo(stack[30]);
    }

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, className.substring(className.lastIndexOf('.') + 1) + ".java", 1);
    }
}
