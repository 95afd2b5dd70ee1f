package dev.perfmon.core.report.spi;

import java.util.List;

/**
 * The diagnoses registered with one {@code PerfMon} ({@code perfMon.diagnoses()}). Modules
 * register theirs when their decorators are built; an application can register its own the
 * same way. Thread-safe.
 */
public interface Diagnoses {

    /**
     * Adds a diagnosis to every report made from now on; a diagnosis of the same
     * {@linkplain Diagnosis#name() name} already registered is kept and this one ignored.
     *
     * @return true when added, false when one of that name was registered already
     */
    boolean register(Diagnosis diagnosis);

    /** @return the registered diagnoses, in the order they were registered */
    List<Diagnosis> registered();
}
