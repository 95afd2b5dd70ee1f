package dev.perfmon.core.internal;

import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.PerfMonListener;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;

import java.time.Duration;

/**
 * The default listener: one log line per route, finding kind and the event's
 * {@link PerfMonEvent#logKey() log key} per interval, with the number of such findings left out
 * since the previous line, and at most {@code budget} lines per interval in all. Findings over
 * the budget are left out, counted in {@code perfmon.findings.suppressed{reason=budget}}, and
 * summed up in one line at the start of a later interval; repeats of a key within its interval
 * are counted with {@code reason=interval}. The keys it tracks are bounded and idle ones are
 * evicted, whatever the number of routes, kinds or statement shapes.
 *
 * <p>Logs through {@link System.Logger} (logger {@code dev.perfmon.findings}), which routes to
 * SLF4J or JUL as the application has configured.
 */
public final class RateLimitedLogListener implements PerfMonListener {

    /** Findings left out of the log, tagged {@code reason} = {@code interval} or {@code budget}. */
    public static final String SUPPRESSED_METER = "perfmon.findings.suppressed";
    /** Failures of the finding log's own meters are counted under this component. */
    public static final String COMPONENT = "finding-log";

    private static final int MIN_KEYS = 1024;

    private final System.Logger log;
    private final Clock clock;
    private final long intervalNanos;
    private final int budget;
    private final Duration interval;
    private final FindingLineBudget lines;
    private final FindingLogKeys keys;
    private final Counter repeated;
    private final Counter overBudget;

    /**
     * @param meters where {@code perfmon.findings.suppressed} is registered (a refusing registry
     *     costs the count, never the listener)
     * @param clock the monotonic time of the intervals
     * @param interval the interval of one line per key and of the budget
     * @param budget the most lines per interval, at least 1
     */
    public RateLimitedLogListener(ContainedMeters meters, Clock clock, Duration interval, int budget) {
        this(System.getLogger("dev.perfmon.findings"), meters, clock, interval, budget);
    }

    /** As {@link #RateLimitedLogListener(ContainedMeters, Clock, Duration, int)}, writing to {@code log}. */
    public RateLimitedLogListener(System.Logger log, ContainedMeters meters, Clock clock, Duration interval, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be at least 1, was " + budget);
        }
        this.log = log;
        this.clock = clock;
        this.interval = interval;
        this.intervalNanos = interval.toNanos();
        this.budget = budget;
        this.lines = new FindingLineBudget(budget, intervalNanos);
        this.keys = new FindingLogKeys((int) Math.min(Integer.MAX_VALUE, Math.max(MIN_KEYS, 4L * budget)), intervalNanos);
        this.repeated = suppressedCounter(meters, "interval");
        this.overBudget = suppressedCounter(meters, "budget");
    }

    private static Counter suppressedCounter(ContainedMeters meters, String reason) {
        return meters.counter(Counter.builder(SUPPRESSED_METER)
                .description("Findings left out of the default finding log (repeats within the interval, or over its line budget)")
                .tag("reason", reason));
    }

    @Override
    public void onEvent(PerfMonEvent event) {
        long now = clock.monotonicTime();
        String kind = event.kind();
        String shape = event.logKey();
        FindingLogKeys.Key key = new FindingLogKeys.Key(kind, event.route(), shape == null ? 0 : shape.hashCode());
        FindingLogKeys.Window window = keys.get(key);
        if (window != null && window.isOpen(now, intervalNanos)) {
            window.suppress();
            repeated.increment();
            return;
        }
        long leftOut = lines.acquire(now);
        if (leftOut == FindingLineBudget.DENIED) {
            if (window != null) {
                window.suppress();
            }
            overBudget.increment();
            return;
        }
        if (leftOut > 0) {
            log.log(System.Logger.Level.WARNING, "perfmon findings: " + leftOut + " findings were not logged,"
                    + " over the budget of " + budget + " lines per " + interval
                    + " (counted in " + SUPPRESSED_METER + "{reason=budget})");
        }
        long suppressed = keys.admit(key, now).tryOpen(now, intervalNanos);
        if (suppressed < 0) {
            lines.release(now);
            repeated.increment();
            return;
        }
        String line = suppressed == 0
                ? "perfmon " + kind + ": " + event.summary()
                : "perfmon " + kind + ": " + event.summary() + " (+" + suppressed + " more since last line)";
        log.log(level(event), line);
    }

    /** @return how many keys are tracked (bounded, whatever the number of distinct findings) */
    public int trackedKeys() {
        return keys.size();
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
}
