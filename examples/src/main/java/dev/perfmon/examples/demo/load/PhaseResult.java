package dev.perfmon.examples.demo.load;

import java.time.Duration;
import java.time.Instant;

/**
 * What the load client saw during one phase (client-side latency, including the network hop).
 *
 * @param name the phase
 * @param start when it started
 * @param end when it ended
 * @param requests requests started in the phase that completed
 * @param clientErrors 4xx answers
 * @param serverErrors 5xx answers
 * @param ioFailures requests that got no answer (connection or timeout failures)
 * @param reportCalls of the requests, calls to the slow report endpoint
 * @param p50 median latency
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max the slowest
 */
public record PhaseResult(String name, Instant start, Instant end, long requests, long clientErrors,
                          long serverErrors, long ioFailures, long reportCalls,
                          Duration p50, Duration p95, Duration p99, Duration max) {

    /** @return requests per second over the phase */
    public double rate() {
        double seconds = Duration.between(start, end).toNanos() / 1e9;
        return seconds <= 0 ? 0 : requests / seconds;
    }

    /** @return the share of requests answered 4xx or 5xx or not answered at all */
    public double errorRate() {
        return requests == 0 ? 0 : (double) (clientErrors + serverErrors + ioFailures) / requests;
    }

    /** @return whether {@code instant} falls within the phase */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
