package dev.perfmon.core;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link PerfMon#requestSamples()} holds at one moment: the kept {@link RequestSample}s,
 * oldest first, and the memory they are charged. Immutable.
 *
 * @param samples every kept sample, oldest first
 * @param retainedBytes the estimated memory of the kept samples
 * @param budgetBytes the budget they are held under
 * @param evicted samples dropped so far to stay within the bounds
 */
public record RequestSamples(List<RequestSample> samples, long retainedBytes, long budgetBytes, long evicted) {

    /** Copies the list. */
    public RequestSamples {
        samples = List.copyOf(samples);
    }

    /** @return the samples of one route, oldest first */
    public List<RequestSample> forRoute(String route) {
        List<RequestSample> out = new ArrayList<>();
        for (RequestSample sample : samples) {
            if (sample.route().equals(route)) {
                out.add(sample);
            }
        }
        return List.copyOf(out);
    }

    /** @return the routes with samples, in order of their oldest sample */
    public Set<String> routes() {
        Set<String> out = new LinkedHashSet<>();
        for (RequestSample sample : samples) {
            out.add(sample.route());
        }
        return Set.copyOf(out);
    }

    /** @return the sample with this id, or {@code null} when it is not (or no longer) kept */
    public @Nullable RequestSample byId(long id) {
        for (RequestSample sample : samples) {
            if (sample.id() == id) {
                return sample;
            }
        }
        return null;
    }

    /** @return how many samples are kept */
    public int size() {
        return samples.size();
    }
}
