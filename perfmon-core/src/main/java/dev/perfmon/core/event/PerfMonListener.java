package dev.perfmon.core.event;

/**
 * Receives every event a {@link dev.perfmon.core.PerfMon} publishes. Called on the thread
 * that made the finding, so keep it quick; an exception it throws is caught, counted as
 * {@code perfmon.internal.errors{component=listener}} and never reaches the application.
 */
@FunctionalInterface
public interface PerfMonListener {

    /** @param event the finding */
    void onEvent(PerfMonEvent event);
}
