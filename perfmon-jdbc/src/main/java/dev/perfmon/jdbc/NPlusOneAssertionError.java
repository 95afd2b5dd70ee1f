package dev.perfmon.jdbc;

import dev.perfmon.core.event.PerfMonEvent;

import java.util.List;

/**
 * Thrown by {@link NPlusOneRecorder#assertNone()} when a test ran N+1 or duplicate statements;
 * the message lists every finding's summary line.
 */
public final class NPlusOneAssertionError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient List<PerfMonEvent> findings;

    NPlusOneAssertionError(List<PerfMonEvent> findings) {
        super(message(findings));
        this.findings = List.copyOf(findings);
    }

    /** @return the findings that failed the assertion */
    public List<PerfMonEvent> findings() {
        return findings;
    }

    private static String message(List<PerfMonEvent> findings) {
        StringBuilder b = new StringBuilder().append(findings.size())
                .append(findings.size() == 1 ? " statement pattern to fix:" : " statement patterns to fix:");
        for (PerfMonEvent finding : findings) {
            b.append(System.lineSeparator()).append("  ").append(finding.kind()).append(": ").append(finding.summary());
        }
        return b.toString();
    }
}
