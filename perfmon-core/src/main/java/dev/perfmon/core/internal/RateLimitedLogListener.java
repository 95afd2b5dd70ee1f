package dev.perfmon.core.internal;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.PerfMonListener;
import io.micrometer.core.instrument.Clock;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default listener: one log line per route and finding kind per interval, with the number
 * of findings of that kind suppressed since the previous line. Logs through
 * {@link System.Logger} (logger {@code dev.perfmon.findings}), which routes to SLF4J or JUL as
 * the application has configured.
 */
public final class RateLimitedLogListener implements PerfMonListener {

    private static final int MAX_KEYS = 10_000;

    private final System.Logger log;
    private final Clock clock;
    private final long intervalNanos;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLogListener(Clock clock, Duration interval) {
        this(System.getLogger("dev.perfmon.findings"), clock, interval);
    }

    public RateLimitedLogListener(System.Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void onEvent(PerfMonEvent event) {
        if (windows.size() > MAX_KEYS) {
            windows.clear();
        }
        Window window = windows.computeIfAbsent(event.kind() + ' ' + event.route(), k -> new Window());
        long now = clock.monotonicTime();
        long suppressed = window.tryOpen(now, intervalNanos);
        if (suppressed < 0) {
            return;
        }
        String line = suppressed == 0
                ? "perfmon " + event.kind() + ": " + event.summary()
                : "perfmon " + event.kind() + ": " + event.summary() + " (+" + suppressed + " more since last line)";
        log.log(level(event), line);
    }

    private static System.Logger.Level level(PerfMonEvent event) {
        switch (event.severity()) {
            case CRITICAL:
                return System.Logger.Level.ERROR;
            case WARNING:
                return System.Logger.Level.WARNING;
            default:
                return System.Logger.Level.INFO;
        }
    }

    /** The last time a line was written for one key, and what was suppressed since. */
    private static final class Window {
        private final AtomicLong lastLine = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong suppressed = new AtomicLong();

        /** @return -1 to suppress, otherwise the count suppressed since the previous line */
        long tryOpen(long now, long interval) {
            long last = lastLine.get();
            if (last != Long.MIN_VALUE && now - last < interval) {
                suppressed.incrementAndGet();
                return -1;
            }
            if (!lastLine.compareAndSet(last, now)) {
                suppressed.incrementAndGet();
                return -1;
            }
            return suppressed.getAndSet(0);
        }
    }
}
