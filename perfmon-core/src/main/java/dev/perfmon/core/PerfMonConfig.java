package dev.perfmon.core;

import dev.perfmon.core.internal.Require;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings shared by every perfmon module. Build with {@link #builder()}; every
 * value has a default taken from common service-level objectives, documented beside its
 * setter. Invalid values are rejected by {@link Builder#build()} with the value in the message.
 */
public final class PerfMonConfig {

    private static final PerfMonConfig DEFAULTS = builder().build();

    /** A copy of the builder's values that nothing else holds, so never changed. */
    private final Builder values;
    private final Duration latencyWarning;

    private PerfMonConfig(Builder b) {
        this.values = b.copy();
        this.latencyWarning = b.latencyWarning != null ? b.latencyWarning
                : Duration.ofNanos(b.latencySlo.toNanos() * 3 / 4);
    }

    /** @return the configuration with every default */
    public static PerfMonConfig defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        return values.copy();
    }

    /** @return the p99 latency objective per route (default 400 ms) */
    public Duration latencySlo() {
        return values.latencySlo;
    }

    /** @return the share of requests that must succeed with 2xx (default 0.99) */
    public double successRatioSlo() {
        return values.successRatioSlo;
    }

    /** @return the 4xx+5xx share that raises a warning (default 0.05) */
    public double errorRateWarning() {
        return values.errorRateWarning;
    }

    /** @return the 4xx+5xx share that is critical (default 0.10) */
    public double errorRateCritical() {
        return values.errorRateCritical;
    }

    /** @return the sustained process CPU share that raises a warning (default 0.70) */
    public double cpuWarning() {
        return values.cpuWarning;
    }

    /** @return the sustained process CPU share that is critical (default 0.90) */
    public double cpuCritical() {
        return values.cpuCritical;
    }

    /** @return the scope duration past which a {@code SlowRequest} event is published (default 1 s) */
    public Duration slowRequestThreshold() {
        return values.slowRequestThreshold;
    }

    /**
     * @return how many distinct values a tag may take per meter before folding (default 100); for
     *     routes, how many templates each budget of the {@link RouteGuard} keeps for every route-keyed meter
     */
    public int maxTagValues() {
        return values.maxTagValues;
    }

    /** @return the value a tag takes once its cap is reached (default {@code OTHER}) */
    public String overflowTagValue() {
        return values.overflowTagValue;
    }

    /** @return the interval of the default log listener: one line per route, finding kind and log key (default 1 min) */
    public Duration findingLogInterval() {
        return values.findingLogInterval;
    }

    /**
     * @return the most lines the default log listener writes per {@link #findingLogInterval()} in all,
     *     whatever the number of routes and kinds (default 100); findings over it are counted in
     *     {@code perfmon.findings.suppressed} and summed up in one line
     */
    public int findingLogBudget() {
        return values.findingLogBudget;
    }

    /** @return whether findings are logged by the default rate-limited listener (default true) */
    public boolean logFindings() {
        return values.logFindings;
    }

    /** @return the p99 latency that raises a warning before the objective breaks (default 3/4 of {@link #latencySlo()}: 300 ms) */
    public Duration latencyWarning() {
        return latencyWarning;
    }

    /** @return the 5xx share that raises a warning (default 0.05) */
    public double serverErrorRateWarning() {
        return values.serverErrorRateWarning;
    }

    /** @return the 5xx share that is critical (default 0.10) */
    public double serverErrorRateCritical() {
        return values.serverErrorRateCritical;
    }

    /** @return the sustained heap used/max share that raises a warning (default 0.85) */
    public double heapWarning() {
        return values.heapWarning;
    }

    /** @return the sustained heap used/max share that is critical (default 0.95) */
    public double heapCritical() {
        return values.heapCritical;
    }

    /** @return threads waiting for a connection of a full pool above which a warning is raised (default 0) */
    public int poolWaitingWarning() {
        return values.poolWaitingWarning;
    }

    /** @return threads waiting for a connection of a full pool above which it is critical (default 10) */
    public int poolWaitingCritical() {
        return values.poolWaitingCritical;
    }

    /** @return the cache hit ratio under which a cache raises a warning (default 0.80) */
    public double cacheHitRatioFloor() {
        return values.cacheHitRatioFloor;
    }

    @Override
    public String toString() {
        Builder v = values;
        return "PerfMonConfig{latencySlo=" + v.latencySlo + ", successRatioSlo=" + v.successRatioSlo
                + ", errorRateWarning=" + v.errorRateWarning + ", errorRateCritical=" + v.errorRateCritical
                + ", cpuWarning=" + v.cpuWarning + ", cpuCritical=" + v.cpuCritical
                + ", slowRequestThreshold=" + v.slowRequestThreshold + ", maxTagValues=" + v.maxTagValues
                + ", overflowTagValue=" + v.overflowTagValue + ", findingLogInterval=" + v.findingLogInterval
                + ", findingLogBudget=" + v.findingLogBudget
                + ", logFindings=" + v.logFindings + ", latencyWarning=" + latencyWarning
                + ", serverErrorRateWarning=" + v.serverErrorRateWarning
                + ", serverErrorRateCritical=" + v.serverErrorRateCritical
                + ", heapWarning=" + v.heapWarning + ", heapCritical=" + v.heapCritical
                + ", poolWaitingWarning=" + v.poolWaitingWarning + ", poolWaitingCritical=" + v.poolWaitingCritical
                + ", cacheHitRatioFloor=" + v.cacheHitRatioFloor + '}';
    }

    /** Collects settings; {@link #build()} validates them all at once. */
    public static final class Builder {
        private Duration latencySlo = Duration.ofMillis(400);
        private double successRatioSlo = 0.99;
        private double errorRateWarning = 0.05;
        private double errorRateCritical = 0.10;
        private double cpuWarning = 0.70;
        private double cpuCritical = 0.90;
        private Duration slowRequestThreshold = Duration.ofSeconds(1);
        private int maxTagValues = 100;
        private String overflowTagValue = "OTHER";
        private Duration findingLogInterval = Duration.ofMinutes(1);
        private int findingLogBudget = 100;
        private boolean logFindings = true;
        private @Nullable Duration latencyWarning;
        private double serverErrorRateWarning = 0.05;
        private double serverErrorRateCritical = 0.10;
        private double heapWarning = 0.85;
        private double heapCritical = 0.95;
        private int poolWaitingWarning = 0;
        private int poolWaitingCritical = 10;
        private double cacheHitRatioFloor = 0.80;

        private Builder() {
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.latencySlo = latencySlo;
            copy.successRatioSlo = successRatioSlo;
            copy.errorRateWarning = errorRateWarning;
            copy.errorRateCritical = errorRateCritical;
            copy.cpuWarning = cpuWarning;
            copy.cpuCritical = cpuCritical;
            copy.slowRequestThreshold = slowRequestThreshold;
            copy.maxTagValues = maxTagValues;
            copy.overflowTagValue = overflowTagValue;
            copy.findingLogInterval = findingLogInterval;
            copy.findingLogBudget = findingLogBudget;
            copy.logFindings = logFindings;
            copy.latencyWarning = latencyWarning;
            copy.serverErrorRateWarning = serverErrorRateWarning;
            copy.serverErrorRateCritical = serverErrorRateCritical;
            copy.heapWarning = heapWarning;
            copy.heapCritical = heapCritical;
            copy.poolWaitingWarning = poolWaitingWarning;
            copy.poolWaitingCritical = poolWaitingCritical;
            copy.cacheHitRatioFloor = cacheHitRatioFloor;
            return copy;
        }

        /** p99 latency that raises a warning, at most {@link #latencySlo(Duration)}; default 3/4 of the objective (300 ms). */
        public Builder latencyWarning(Duration value) {
            this.latencyWarning = Objects.requireNonNull(value, "latencyWarning");
            return this;
        }

        /** 5xx-share warning and critical thresholds, each in (0, 1], warning &lt;= critical; default 0.05 / 0.10. */
        public Builder serverErrorRate(double warning, double critical) {
            this.serverErrorRateWarning = warning;
            this.serverErrorRateCritical = critical;
            return this;
        }

        /** Heap used/max warning and critical thresholds, each in (0, 1], warning &lt;= critical; default 0.85 / 0.95. */
        public Builder heap(double warning, double critical) {
            this.heapWarning = warning;
            this.heapCritical = critical;
            return this;
        }

        /**
         * Threads waiting for a connection of a full pool: more than {@code warning} raises a
         * warning, more than {@code critical} is critical; 0 &lt;= warning &lt;= critical; default 0 / 10.
         */
        public Builder poolWaiting(int warning, int critical) {
            this.poolWaitingWarning = warning;
            this.poolWaitingCritical = critical;
            return this;
        }

        /** Cache hit ratio under which a cache raises a warning, in (0, 1]; default 0.80. */
        public Builder cacheHitRatioFloor(double value) {
            this.cacheHitRatioFloor = value;
            return this;
        }

        /** p99 latency objective; default 400 ms. */
        public Builder latencySlo(Duration value) {
            this.latencySlo = Objects.requireNonNull(value, "latencySlo");
            return this;
        }

        /** Required share of 2xx responses, in (0, 1]; default 0.99. */
        public Builder successRatioSlo(double value) {
            this.successRatioSlo = value;
            return this;
        }

        /** Error-rate warning and critical thresholds, each in (0, 1], warning &lt;= critical; default 0.05 / 0.10. */
        public Builder errorRate(double warning, double critical) {
            this.errorRateWarning = warning;
            this.errorRateCritical = critical;
            return this;
        }

        /** CPU warning and critical thresholds, each in (0, 1], warning &lt;= critical; default 0.70 / 0.90. */
        public Builder cpu(double warning, double critical) {
            this.cpuWarning = warning;
            this.cpuCritical = critical;
            return this;
        }

        /** Duration past which a scope counts as a slow request; default 1 s. */
        public Builder slowRequestThreshold(Duration value) {
            this.slowRequestThreshold = Objects.requireNonNull(value, "slowRequestThreshold");
            return this;
        }

        /**
         * Distinct values per meter and tag before folding into the overflow value, at least 1; default
         * 100. Routes: templates per budget of the {@link RouteGuard}, shared by every route-keyed meter.
         */
        public Builder maxTagValues(int value) {
            this.maxTagValues = value;
            return this;
        }

        /** The overflow tag value; default {@code OTHER}. */
        public Builder overflowTagValue(String value) {
            this.overflowTagValue = Objects.requireNonNull(value, "overflowTagValue");
            return this;
        }

        /** Interval of the default finding log; default 1 min. */
        public Builder findingLogInterval(Duration value) {
            this.findingLogInterval = Objects.requireNonNull(value, "findingLogInterval");
            return this;
        }

        /**
         * Most lines the default finding log writes per interval in all, at least 1; default 100.
         * Bounds the log when findings come from many routes at once (a scan, a storm of slow
         * requests); what is left out is counted and summed up in one line.
         */
        public Builder findingLogBudget(int value) {
            this.findingLogBudget = value;
            return this;
        }

        /** Whether the default rate-limited log listener is registered; default true. */
        public Builder logFindings(boolean value) {
            this.logFindings = value;
            return this;
        }

        /**
         * @return the validated configuration
         * @throws IllegalArgumentException naming the first invalid setting and its value
         */
        public PerfMonConfig build() {
            Require.positive("latencySlo", latencySlo);
            Require.ratio("successRatioSlo", successRatioSlo);
            Require.ratioThresholds("errorRate", errorRateWarning, errorRateCritical);
            Require.ratioThresholds("cpu", cpuWarning, cpuCritical);
            Require.positive("slowRequestThreshold", slowRequestThreshold);
            Require.atLeast("maxTagValues", maxTagValues, 1);
            Require.notBlank("overflowTagValue", overflowTagValue);
            Require.positive("findingLogInterval", findingLogInterval);
            Require.atLeast("findingLogBudget", findingLogBudget, 1);
            if (latencyWarning != null) {
                Require.positive("latencyWarning", latencyWarning);
                if (latencyWarning.compareTo(latencySlo) > 0) {
                    throw new IllegalArgumentException("latencyWarning must not exceed latencySlo, was latencyWarning="
                            + latencyWarning + " latencySlo=" + latencySlo);
                }
            }
            Require.ratioThresholds("serverErrorRate", serverErrorRateWarning, serverErrorRateCritical);
            Require.ratioThresholds("heap", heapWarning, heapCritical);
            if (poolWaitingWarning < 0 || poolWaitingWarning > poolWaitingCritical) {
                throw new IllegalArgumentException("poolWaiting must satisfy 0 <= warning <= critical, was warning="
                        + poolWaitingWarning + " critical=" + poolWaitingCritical);
            }
            Require.ratio("cacheHitRatioFloor", cacheHitRatioFloor);
            return new PerfMonConfig(this);
        }
    }
}
