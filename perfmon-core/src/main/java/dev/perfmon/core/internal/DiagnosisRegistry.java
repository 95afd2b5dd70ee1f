package dev.perfmon.core.internal;

import dev.perfmon.core.report.spi.Diagnoses;
import dev.perfmon.core.report.spi.Diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The diagnoses of one PerfMon: registered rarely (when decorators are built), read by every report. */
public final class DiagnosisRegistry implements Diagnoses {

    private volatile List<Diagnosis> registered = List.of();

    @Override
    public synchronized boolean register(Diagnosis diagnosis) {
        Objects.requireNonNull(diagnosis, "diagnosis");
        String name = Objects.requireNonNull(diagnosis.name(), "diagnosis name");
        for (Diagnosis d : registered) {
            if (name.equals(d.name())) {
                return false;
            }
        }
        List<Diagnosis> next = new ArrayList<>(registered);
        next.add(diagnosis);
        registered = List.copyOf(next);
        return true;
    }

    @Override
    public List<Diagnosis> registered() {
        return registered;
    }
}
