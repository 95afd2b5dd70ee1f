package dev.perfmon.core.report;

import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.Severity;

import java.time.Instant;

/** A finding as the JDBC and Redis modules publish them, for the report's generic handling. */
public record TestFinding(String kind, String route, Severity severity, Instant timestamp, String summary)
        implements PerfMonEvent {
}
