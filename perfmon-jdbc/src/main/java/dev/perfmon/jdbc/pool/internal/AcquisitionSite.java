package dev.perfmon.jdbc.pool.internal;

/**
 * Captures the stack of one {@code getConnection} call, materialised only when reported. Not an
 * error: never thrown.
 */
final class AcquisitionSite extends Throwable {

    private static final long serialVersionUID = 1L;

    AcquisitionSite() {
        super("connection acquired here", null, false, true);
    }
}
