package dev.perfmon.jdbc.internal;

/**
 * The stack of one execution, captured the cheapest way the JVM offers: filling a throwable's
 * backtrace is one VM call that records method and bytecode index per frame, without building
 * frame objects or strings. It becomes a readable call site ({@link CallSites#find(CallerTrace)})
 * only when its statement could still become a finding, so a statement that runs a few times
 * pays for the capture alone. Never thrown.
 */
final class CallerTrace extends Throwable {

    private static final long serialVersionUID = 1L;

    CallerTrace() {
        super(null, null, false, true);
    }
}
