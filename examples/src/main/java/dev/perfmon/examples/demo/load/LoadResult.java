package dev.perfmon.examples.demo.load;

import java.util.List;

/**
 * The outcome of a load run, phase by phase.
 *
 * @param phases per phase, in order
 */
public record LoadResult(List<PhaseResult> phases) {

    /** Copies the list. */
    public LoadResult {
        phases = List.copyOf(phases);
    }

    /** @return the requests of every phase */
    public long requests() {
        return phases.stream().mapToLong(PhaseResult::requests).sum();
    }

    /** @return the phase named {@code name} */
    public PhaseResult phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no phase " + name));
    }

    /** @return the phase an instant falls in, or {@code null} when outside the run */
    public PhaseResult phaseAt(java.time.Instant instant) {
        for (PhaseResult phase : phases) {
            if (phase.contains(instant)) {
                return phase;
            }
        }
        return null;
    }
}
