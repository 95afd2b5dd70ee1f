package dev.perfmon.core;

import dev.perfmon.core.internal.Require;

/**
 * Which requests {@link PerfMon} keeps whole as {@link RequestSample}s, and how much memory
 * they may take. Every request slower than {@link PerfMonConfig#latencySlo()} and every failed
 * request is a candidate, plus one in {@link #every()} of the others; what is kept is bounded
 * per route and in total by an estimated memory budget, and the oldest sample of the route
 * holding most goes first.
 *
 * <p>Every request records up to {@value #TIMELINE_ENTRIES} timeline entries into arrays its
 * scope keeps across reuse (grown on first need); only a request that is kept copies them, when
 * it closes.
 *
 * @param enabled whether requests are sampled at all
 * @param every one in this many normal requests is kept; 0 keeps only slow and failed ones
 * @param perRoute samples kept per route, at least 1
 * @param memoryBudgetBytes the estimated memory all samples of one {@link PerfMon} may take, at least 16 KiB
 */
public record RequestSampling(boolean enabled, int every, int perRoute, long memoryBudgetBytes) {

    /** Timeline entries one request keeps; later entries are counted, not kept. */
    public static final int TIMELINE_ENTRIES = 64;

    private static final RequestSampling DEFAULTS = builder().build();
    private static final RequestSampling OFF = builder().enabled(false).build();

    /** @throws IllegalArgumentException naming the invalid setting and its value */
    public RequestSampling {
        if (every < 0) {
            throw new IllegalArgumentException("every must be 0 or more, was " + every);
        }
        Require.atLeast("perRoute", perRoute, 1);
        Require.atLeast("memoryBudgetBytes", memoryBudgetBytes, 16 * 1024);
    }

    /** @return on, one in 100 normal requests, 50 per route, a 4 MiB budget */
    public static RequestSampling defaults() {
        return DEFAULTS;
    }

    /** @return sampling switched off: no timeline is recorded and nothing is kept */
    public static RequestSampling off() {
        return OFF;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the settings; {@link #build()} validates them. */
    public static final class Builder {
        private boolean enabled = true;
        private int every = 100;
        private int perRoute = 50;
        private long memoryBudgetBytes = 4L << 20;

        private Builder() {
        }

        /** Whether requests are sampled; default true. */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** Keep one in {@code value} normal requests, 0 for none; default 100. */
        public Builder every(int value) {
            this.every = value;
            return this;
        }

        /** Samples kept per route, at least 1; default 50. */
        public Builder perRoute(int value) {
            this.perRoute = value;
            return this;
        }

        /** Estimated memory all samples may take, at least 16 KiB; default 4 MiB. */
        public Builder memoryBudgetBytes(long value) {
            this.memoryBudgetBytes = value;
            return this;
        }

        /**
         * @return the validated settings
         * @throws IllegalArgumentException naming the invalid setting and its value
         */
        public RequestSampling build() {
            return new RequestSampling(enabled, every, perRoute, memoryBudgetBytes);
        }
    }
}
