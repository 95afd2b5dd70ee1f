package dev.perfmon.core;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.internal.RateLimitedLogListener;
import io.micrometer.core.instrument.MockClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedLogListenerTest {

    private final MockClock clock = new MockClock();
    private final CapturingLogger log = new CapturingLogger();
    private final RateLimitedLogListener listener = new RateLimitedLogListener(log, clock, Duration.ofMinutes(1));

    @Test
    void writesOneLinePerRouteAndKindPerIntervalAndCountsWhatItSuppressed() {
        for (int i = 0; i < 50; i++) {
            listener.onEvent(finding("nplusone", "GET /posts", Severity.WARNING));
        }
        listener.onEvent(finding("nplusone", "GET /users", Severity.WARNING));
        listener.onEvent(finding("pool.exhaustion", "GET /posts", Severity.CRITICAL));
        assertThat(log.lines).hasSize(3);

        clock.add(61, TimeUnit.SECONDS);
        listener.onEvent(finding("nplusone", "GET /posts", Severity.WARNING));
        assertThat(log.lines).hasSize(4);
        assertThat(log.lines.get(3)).contains("(+49 more since last line)");
    }

    @Test
    void mapsSeverityToLogLevel() {
        listener.onEvent(finding("a", "r", Severity.INFO));
        listener.onEvent(finding("b", "r", Severity.WARNING));
        listener.onEvent(finding("c", "r", Severity.CRITICAL));
        assertThat(log.levels).containsExactly(System.Logger.Level.INFO, System.Logger.Level.WARNING,
                System.Logger.Level.ERROR);
    }

    private PerfMonEvent finding(String kind, String route, Severity severity) {
        return new PerfMonEvent() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public String route() {
                return route;
            }

            @Override
            public Severity severity() {
                return severity;
            }

            @Override
            public Instant timestamp() {
                return Instant.EPOCH;
            }

            @Override
            public String summary() {
                return route + " did " + kind;
            }
        };
    }

    /** Records what would be logged. */
    private static final class CapturingLogger implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<Level> levels = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
            levels.add(level);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
            levels.add(level);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            log(level, null, msgSupplier.get(), (Throwable) null);
        }

        @Override
        public void log(Level level, String msg) {
            log(level, null, msg, (Throwable) null);
        }
    }
}
