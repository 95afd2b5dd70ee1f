package dev.perfmon.examples.demo.load;

import java.time.Duration;

/**
 * A once-a-second view of a running load test.
 *
 * @param phase the current phase
 * @param elapsed since the run started
 * @param total the run's length
 * @param users active normal users
 * @param reportCallers active slow-report callers
 * @param requests requests completed since the start
 * @param lastSecondRate requests completed in the last second, per second
 * @param lastSecondErrorRate share of them that failed (4xx, 5xx or no answer)
 * @param lastSecondP99 their 99th percentile latency
 */
public record Progress(String phase, Duration elapsed, Duration total, int users, int reportCallers,
                       long requests, double lastSecondRate, double lastSecondErrorRate, Duration lastSecondP99) {

    /** @return the progress line, such as {@code [overload] 37s/60s users 40+30 req 12345 rps 412 err 1.2% p99 850ms} */
    public String line() {
        return String.format("[%-8s] %3ds/%ds  users %d%s  requests %,d  rps %.0f  errors %.1f%%  p99 %d ms",
                phase, elapsed.toSeconds(), total.toSeconds(), users,
                reportCallers > 0 ? "+" + reportCallers + " report" : "",
                requests, lastSecondRate, lastSecondErrorRate * 100, lastSecondP99.toMillis());
    }
}
