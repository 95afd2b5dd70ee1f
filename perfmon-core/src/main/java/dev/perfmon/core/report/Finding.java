package dev.perfmon.core.report;

import dev.perfmon.core.event.Severity;
import dev.perfmon.core.internal.Require;

import java.time.Instant;

/**
 * The events of one kind on one route within the report's window, folded together: any
 * {@link dev.perfmon.core.event.PerfMonEvent} (a slow request, a health change, or any module's
 * finding) is reported through its kind, route, severity and summary. Kinds a diagnosis counts
 * with a counter have exact counts ({@link dev.perfmon.core.report.spi.FindingCounter}).
 *
 * @param kind the event kind, such as {@code slow.request}
 * @param route the event route, {@code none} when not route-bound
 * @param severity the worst severity seen
 * @param count how many events
 * @param firstSeen the first event's timestamp
 * @param lastSeen the last event's timestamp
 * @param summary the last event's summary line
 */
public record Finding(String kind, String route, Severity severity, long count, Instant firstSeen, Instant lastSeen,
                      String summary) {

    public Finding {
        Require.nonNull("kind, route, severity, firstSeen, lastSeen, summary",
                kind, route, severity, firstSeen, lastSeen, summary);
    }
}
