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

    private final Duration latencySlo;
    private final double successRatioSlo;
    private final double errorRateWarning;
    private final double errorRateCritical;
    private final double cpuWarning;
    private final double cpuCritical;
    private final Duration slowRequestThreshold;
    private final int maxTagValues;
    private final String overflowTagValue;
    private final Duration findingLogInterval;
    private final int findingLogBudget;
    private final boolean logFindings;
    private final Duration latencyWarning;
    private final @Nullable Duration latencyWarningSet;
    private final double serverErrorRateWarning;
    private final double serverErrorRateCritical;
    private final double heapWarning;
    private final double heapCritical;
    private final int poolWaitingWarning;
    private final int poolWaitingCritical;
    private final double cacheHitRatioFloor;

    private PerfMonConfig(Builder b) {
        this.latencySlo = b.latencySlo;
        this.successRatioSlo = b.successRatioSlo;
        this.errorRateWarning = b.errorRateWarning;
        this.errorRateCritical = b.errorRateCritical;
        this.cpuWarning = b.cpuWarning;
        this.cpuCritical = b.cpuCritical;
        this.slowRequestThreshold = b.slowRequestThreshold;
        this.maxTagValues = b.maxTagValues;
        this.overflowTagValue = b.overflowTagValue;
        this.findingLogInterval = b.findingLogInterval;
        this.findingLogBudget = b.findingLogBudget;
        this.logFindings = b.logFindings;
        this.latencyWarning = b.latencyWarning != null ? b.latencyWarning
                : Duration.ofNanos(b.latencySlo.toNanos() * 3 / 4);
        this.latencyWarningSet = b.latencyWarning;
        this.serverErrorRateWarning = b.serverErrorRateWarning;
        this.serverErrorRateCritical = b.serverErrorRateCritical;
        this.heapWarning = b.heapWarning;
        this.heapCritical = b.heapCritical;
        this.poolWaitingWarning = b.poolWaitingWarning;
        this.poolWaitingCritical = b.poolWaitingCritical;
        this.cacheHitRatioFloor = b.cacheHitRatioFloor;
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
        Builder b = new Builder();
        b.latencySlo = latencySlo;
        b.successRatioSlo = successRatioSlo;
        b.errorRateWarning = errorRateWarning;
        b.errorRateCritical = errorRateCritical;
        b.cpuWarning = cpuWarning;
        b.cpuCritical = cpuCritical;
        b.slowRequestThreshold = slowRequestThreshold;
        b.maxTagValues = maxTagValues;
        b.overflowTagValue = overflowTagValue;
        b.findingLogInterval = findingLogInterval;
        b.findingLogBudget = findingLogBudget;
        b.logFindings = logFindings;
        b.latencyWarning = latencyWarningSet;
        b.serverErrorRateWarning = serverErrorRateWarning;
        b.serverErrorRateCritical = serverErrorRateCritical;
        b.heapWarning = heapWarning;
        b.heapCritical = heapCritical;
        b.poolWaitingWarning = poolWaitingWarning;
        b.poolWaitingCritical = poolWaitingCritical;
        b.cacheHitRatioFloor = cacheHitRatioFloor;
        return b;
    }

    /** @return the p99 latency objective per route (default 400 ms) */
    public Duration latencySlo() {
        return latencySlo;
    }

    /** @return the share of requests that must succeed with 2xx (default 0.99) */
    public double successRatioSlo() {
        return successRatioSlo;
    }

    /** @return the 4xx+5xx share that raises a warning (default 0.05) */
    public double errorRateWarning() {
        return errorRateWarning;
    }

    /** @return the 4xx+5xx share that is critical (default 0.10) */
    public double errorRateCritical() {
        return errorRateCritical;
    }

    /** @return the sustained process CPU share that raises a warning (default 0.70) */
    public double cpuWarning() {
        return cpuWarning;
    }

    /** @return the sustained process CPU share that is critical (default 0.90) */
    public double cpuCritical() {
        return cpuCritical;
    }

    /** @return the scope duration past which a {@code SlowRequest} event is published (default 1 s) */
    public Duration slowRequestThreshold() {
        return slowRequestThreshold;
    }

    /**
     * @return how many distinct values a tag may take per meter before folding (default 100); for
     *     routes, how many templates each budget of the {@link RouteGuard} keeps for every route-keyed meter
     */
    public int maxTagValues() {
        return maxTagValues;
    }

    /** @return the value a tag takes once its cap is reached (default {@code OTHER}) */
    public String overflowTagValue() {
        return overflowTagValue;
    }

    /** @return the interval of the default log listener: one line per route, finding kind and log key (default 1 min) */
    public Duration findingLogInterval() {
        return findingLogInterval;
    }

    /**
     * @return the most lines the default log listener writes per {@link #findingLogInterval()} in all,
     *     whatever the number of routes and kinds (default 100); findings over it are counted in
     *     {@code perfmon.findings.suppressed} and summed up in one line
     */
    public int findingLogBudget() {
        return findingLogBudget;
    }

    /** @return whether findings are logged by the default rate-limited listener (default true) */
    public boolean logFindings() {
        return logFindings;
    }

    /** @return the p99 latency that raises a warning before the objective breaks (default 3/4 of {@link #latencySlo()}: 300 ms) */
    public Duration latencyWarning() {
        return latencyWarning;
    }

    /** @return the 5xx share that raises a warning (default 0.05) */
    public double serverErrorRateWarning() {
        return serverErrorRateWarning;
    }

    /** @return the 5xx share that is critical (default 0.10) */
    public double serverErrorRateCritical() {
        return serverErrorRateCritical;
    }

    /** @return the sustained heap used/max share that raises a warning (default 0.85) */
    public double heapWarning() {
        return heapWarning;
    }

    /** @return the sustained heap used/max share that is critical (default 0.95) */
    public double heapCritical() {
        return heapCritical;
    }

    /** @return threads waiting for a connection of a full pool above which a warning is raised (default 0) */
    public int poolWaitingWarning() {
        return poolWaitingWarning;
    }

    /** @return threads waiting for a connection of a full pool above which it is critical (default 10) */
    public int poolWaitingCritical() {
        return poolWaitingCritical;
    }

    /** @return the cache hit ratio under which a cache raises a warning (default 0.80) */
    public double cacheHitRatioFloor() {
        return cacheHitRatioFloor;
    }

    @Override
    public String toString() {
        return "PerfMonConfig{latencySlo=" + latencySlo + ", successRatioSlo=" + successRatioSlo
                + ", errorRateWarning=" + errorRateWarning + ", errorRateCritical=" + errorRateCritical
                + ", cpuWarning=" + cpuWarning + ", cpuCritical=" + cpuCritical
                + ", slowRequestThreshold=" + slowRequestThreshold + ", maxTagValues=" + maxTagValues
                + ", overflowTagValue=" + overflowTagValue + ", findingLogInterval=" + findingLogInterval
                + ", findingLogBudget=" + findingLogBudget
                + ", logFindings=" + logFindings + ", latencyWarning=" + latencyWarning
                + ", serverErrorRateWarning=" + serverErrorRateWarning + ", serverErrorRateCritical=" + serverErrorRateCritical
                + ", heapWarning=" + heapWarning + ", heapCritical=" + heapCritical
                + ", poolWaitingWarning=" + poolWaitingWarning + ", poolWaitingCritical=" + poolWaitingCritical
                + ", cacheHitRatioFloor=" + cacheHitRatioFloor + '}';
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
