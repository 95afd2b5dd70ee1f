package dev.perfmon.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDBC instrumentation's settings, {@code perfmon.jdbc.}: the DataSource decorator, the N+1
 * detector ({@code perfmon.jdbc.n-plus-one.}), the HikariCP pool monitor
 * ({@code perfmon.jdbc.pool.}) and Hibernate's association names ({@code perfmon.jdbc.hibernate.}).
 */
public class JdbcProperties {

    /** Whether DataSource beans are decorated (SQL timing, statement counts, N+1 detection). */
    private boolean enabled = true;

    /** Distinct SQL texts whose analysis is cached per generation, at least 1. */
    private int sqlCacheSize = 2048;

    /** The N+1 and duplicate-query detector. */
    @NestedConfigurationProperty
    private final NPlusOne nPlusOne = new NPlusOne();

    /** The HikariCP pool monitor. */
    @NestedConfigurationProperty
    private final Pool pool = new Pool();

    /** Hibernate's association names on N+1 findings. */
    @NestedConfigurationProperty
    private final PerfMonProperties.Toggle hibernate = new PerfMonProperties.Toggle();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getSqlCacheSize() {
        return sqlCacheSize;
    }

    public void setSqlCacheSize(int sqlCacheSize) {
        this.sqlCacheSize = sqlCacheSize;
    }

    public NPlusOne getNPlusOne() {
        return nPlusOne;
    }

    public Pool getPool() {
        return pool;
    }

    public PerfMonProperties.Toggle getHibernate() {
        return hibernate;
    }

    /** The N+1 detector's settings, {@code perfmon.jdbc.n-plus-one.}. */
    public static class NPlusOne {

        /** Whether statements are analysed for N+1 and duplicate queries. */
        private boolean enabled = true;

        /** Executions from one call site that make an N+1, at least 2. */
        private int minExecutions = 5;

        /** Distinct parameter sets that make an N+1, from 2 to min-executions. */
        private int minDistinctParameterSets = 2;

        /** Identical executions that make a duplicate query, at least 2. */
        private int minDuplicateExecutions = 3;

        /** Total time from which a finding is a warning, zero or more. */
        private Duration severityFloor = Duration.ofMillis(50);

        /** Call-site prefixes (class or class.method) never reported. */
        private List<String> allowedCallSites = new ArrayList<>();

        /** Regular expressions: statements whose fingerprint contains a match are never reported. */
        private List<String> allowedSql = new ArrayList<>();

        /** Class prefixes skipped when looking for the call site (the application's own data-access layer). */
        private List<String> ignoredFrames = new ArrayList<>();

        /**
         * The application's packages, where call sites are looked for first; default the packages of
         * the application's @SpringBootApplication (Boot's auto-configuration packages).
         */
        private @Nullable List<String> applicationPackages;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMinExecutions() {
            return minExecutions;
        }

        public void setMinExecutions(int minExecutions) {
            this.minExecutions = minExecutions;
        }

        public int getMinDistinctParameterSets() {
            return minDistinctParameterSets;
        }

        public void setMinDistinctParameterSets(int minDistinctParameterSets) {
            this.minDistinctParameterSets = minDistinctParameterSets;
        }

        public int getMinDuplicateExecutions() {
            return minDuplicateExecutions;
        }

        public void setMinDuplicateExecutions(int minDuplicateExecutions) {
            this.minDuplicateExecutions = minDuplicateExecutions;
        }

        public Duration getSeverityFloor() {
            return severityFloor;
        }

        public void setSeverityFloor(Duration severityFloor) {
            this.severityFloor = severityFloor;
        }

        public List<String> getAllowedCallSites() {
            return allowedCallSites;
        }

        public void setAllowedCallSites(List<String> allowedCallSites) {
            this.allowedCallSites = allowedCallSites;
        }

        public List<String> getAllowedSql() {
            return allowedSql;
        }

        public void setAllowedSql(List<String> allowedSql) {
            this.allowedSql = allowedSql;
        }

        public List<String> getIgnoredFrames() {
            return ignoredFrames;
        }

        public void setIgnoredFrames(List<String> ignoredFrames) {
            this.ignoredFrames = ignoredFrames;
        }

        public @Nullable List<String> getApplicationPackages() {
            return applicationPackages;
        }

        public void setApplicationPackages(@Nullable List<String> applicationPackages) {
            this.applicationPackages = applicationPackages;
        }
    }

    /** The HikariCP pool monitor's settings, {@code perfmon.jdbc.pool.}. */
    public static class Pool {

        /** Whether HikariCP pools are watched (holders, waits, exhaustion episodes). */
        private boolean enabled = true;

        /** How often each pool's live counts are sampled, 10 ms to 1 s. */
        private Duration sampleInterval = Duration.ofMillis(50);

        /** How long threads must have waited on a full pool before an exhaustion episode opens. */
        private Duration exhaustionThreshold = Duration.ofSeconds(1);

        /** How long the pool must be quiet before an episode closes. */
        private Duration quietPeriod = Duration.ofSeconds(2);

        /** Hold time past which a connection is reported; default the larger of 60 s and twice the pool's connection timeout. */
        private @Nullable Duration longHoldThreshold;

        /** Whether each borrow records its stack (costs a stack capture per borrow). */
        private boolean captureAcquisitionStacks;

        /** How many of the longest holders a snapshot lists, 1 to 100. */
        private int maxHolders = 5;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getSampleInterval() {
            return sampleInterval;
        }

        public void setSampleInterval(Duration sampleInterval) {
            this.sampleInterval = sampleInterval;
        }

        public Duration getExhaustionThreshold() {
            return exhaustionThreshold;
        }

        public void setExhaustionThreshold(Duration exhaustionThreshold) {
            this.exhaustionThreshold = exhaustionThreshold;
        }

        public Duration getQuietPeriod() {
            return quietPeriod;
        }

        public void setQuietPeriod(Duration quietPeriod) {
            this.quietPeriod = quietPeriod;
        }

        public @Nullable Duration getLongHoldThreshold() {
            return longHoldThreshold;
        }

        public void setLongHoldThreshold(@Nullable Duration longHoldThreshold) {
            this.longHoldThreshold = longHoldThreshold;
        }

        public boolean isCaptureAcquisitionStacks() {
            return captureAcquisitionStacks;
        }

        public void setCaptureAcquisitionStacks(boolean captureAcquisitionStacks) {
            this.captureAcquisitionStacks = captureAcquisitionStacks;
        }

        public int getMaxHolders() {
            return maxHolders;
        }

        public void setMaxHolders(int maxHolders) {
            this.maxHolders = maxHolders;
        }
    }
}
