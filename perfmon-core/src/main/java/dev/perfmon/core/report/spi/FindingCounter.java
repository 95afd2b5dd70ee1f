package dev.perfmon.core.report.spi;

import java.util.Objects;

/**
 * A counter incremented once per finding of a kind: the report's count of that kind over a
 * window is the counter's increase over it. When the counter carries the route tags
 * ({@code method}, {@code uri}) the count is exact per route; otherwise exact per kind, and
 * what the finding store no longer holds shows on route {@code none}.
 *
 * @param kind the finding kind, as {@code PerfMonEvent.kind()} returns it
 * @param meter the Micrometer name of the counter
 */
public record FindingCounter(String kind, String meter) {

    public FindingCounter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(meter, "meter");
    }
}
