package dev.perfmon.jdbc;

import dev.perfmon.core.internal.Require;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Settings of the N+1 and duplicate-query detector of a {@link PerfMonDataSource}. Immutable;
 * build with {@link #builder()}, start from {@link #strict()} in test suites. Every default is
 * documented beside its setter; {@link Builder#build()} rejects invalid values with the value
 * in the message.
 *
 * <p>Within one request scope, statements are grouped by fingerprint and by the association an
 * ORM named (else by application call site). A group is an <b>N+1</b> when it ran at least
 * {@link #minExecutions()} times with at least
 * {@link #minDistinctParameterSets()} different parameter sets, and a <b>duplicate query</b>
 * when one parameter set ran at least {@link #minDuplicateExecutions()} times. Its total time
 * sets the severity: below {@link #severityFloor()} it is counted and logged at INFO, from
 * there on at WARNING.
 *
 * @param enabled whether statements are analysed at all (default true)
 * @param minExecutions executions of one statement from one call site that make an N+1 (default 5)
 * @param minDistinctParameterSets distinct parameter sets among them that make an N+1 (default 2)
 * @param minDuplicateExecutions executions with one identical parameter set that make a duplicate query (default 3)
 * @param severityFloor total time from which a finding is a warning rather than info (default 50 ms)
 * @param allowedCallSites call-site prefixes never reported (default none)
 * @param allowedSql fingerprint patterns never reported (default none)
 * @param ignoredFrames extra class-name prefixes skipped when looking for the application call site (default none)
 * @param applicationPackages the application's own package prefixes: their frames are call sites even where the
 *     list of framework packages would skip them (default none: every frame outside that list is the application)
 * @param maxStateBytesPerScope the memory the detector may hold for one scope and data source (default 1 MiB):
 *     past it, statements are still counted exactly, and findings from what could no longer be tracked carry a
 *     {@link NPlusOneDetected#note() note}
 */
public record NPlusOneConfig(boolean enabled, int minExecutions, int minDistinctParameterSets,
                             int minDuplicateExecutions, Duration severityFloor, List<String> allowedCallSites,
                             List<Pattern> allowedSql, List<String> ignoredFrames, List<String> applicationPackages,
                             long maxStateBytesPerScope) {

    private static final NPlusOneConfig DEFAULTS = builder().build();
    private static final NPlusOneConfig STRICT = builder().strict().build();
    private static final NPlusOneConfig DISABLED = builder().enabled(false).build();

    /**
     * Validates every setting; {@link #builder()} is the usual way in.
     *
     * @throws IllegalArgumentException naming the first invalid setting and its value
     */
    public NPlusOneConfig {
        Require.atLeast("minExecutions", minExecutions, 2);
        if (minDistinctParameterSets < 2 || minDistinctParameterSets > minExecutions) {
            throw new IllegalArgumentException("minDistinctParameterSets must be from 2 to minExecutions ("
                    + minExecutions + "), was " + minDistinctParameterSets);
        }
        Require.atLeast("minDuplicateExecutions", minDuplicateExecutions, 2);
        Require.atLeast("maxStateBytesPerScope", maxStateBytesPerScope, 64 * 1024);
        Require.notNegative("severityFloor", severityFloor);
        allowedCallSites = List.copyOf(allowedCallSites);
        allowedSql = List.copyOf(allowedSql);
        ignoredFrames = List.copyOf(ignoredFrames);
        applicationPackages = List.copyOf(applicationPackages);
    }

    /** @return the production defaults: N+1 at 5 executions with 2 parameter sets, duplicates at 3 */
    public static NPlusOneConfig defaults() {
        return DEFAULTS;
    }

    /** @return the test-suite preset: N+1 at 2 executions with 2 parameter sets, duplicates at 2 */
    public static NPlusOneConfig strict() {
        return STRICT;
    }

    /** @return detection off: statements are still timed and counted, nothing is analysed */
    public static NPlusOneConfig disabled() {
        return DISABLED;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.minExecutions = minExecutions;
        b.minDistinctParameterSets = minDistinctParameterSets;
        b.minDuplicateExecutions = minDuplicateExecutions;
        b.severityFloor = severityFloor;
        b.allowedCallSites.addAll(allowedCallSites);
        b.allowedSql.addAll(allowedSql);
        b.ignoredFrames.addAll(ignoredFrames);
        b.applicationPackages.addAll(applicationPackages);
        b.maxStateBytesPerScope = maxStateBytesPerScope;
        return b;
    }

    /** Collects settings; {@link #build()} validates them all at once. */
    public static final class Builder {
        private boolean enabled = true;
        private int minExecutions = 5;
        private int minDistinctParameterSets = 2;
        private int minDuplicateExecutions = 3;
        private Duration severityFloor = Duration.ofMillis(50);
        private final List<String> allowedCallSites = new ArrayList<>();
        private final List<Pattern> allowedSql = new ArrayList<>();
        private final List<String> ignoredFrames = new ArrayList<>();
        private final List<String> applicationPackages = new ArrayList<>();
        private long maxStateBytesPerScope = 1L << 20;

        private Builder() {
        }

        /** Whether statements are analysed; default true. */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /**
         * The test-suite thresholds: an N+1 from 2 executions with 2 parameter sets, a duplicate
         * from 2 identical executions. Pair with {@link NPlusOneRecorder#assertNone()} to fail a test.
         */
        public Builder strict() {
            this.minExecutions = 2;
            this.minDistinctParameterSets = 2;
            this.minDuplicateExecutions = 2;
            return this;
        }

        /** Executions from one call site that make an N+1, at least 2; default 5. */
        public Builder minExecutions(int value) {
            this.minExecutions = value;
            return this;
        }

        /** Distinct parameter sets that make an N+1, from 2 to {@code minExecutions}; default 2. */
        public Builder minDistinctParameterSets(int value) {
            this.minDistinctParameterSets = value;
            return this;
        }

        /** Identical executions that make a duplicate query, at least 2; default 3. */
        public Builder minDuplicateExecutions(int value) {
            this.minDuplicateExecutions = value;
            return this;
        }

        /** Memory the detector may hold per scope and data source, at least 64 KiB; default 1 MiB. */
        public Builder maxStateBytesPerScope(long value) {
            this.maxStateBytesPerScope = value;
            return this;
        }

        /** Total time from which a finding is a warning, zero or more; default 50 ms. */
        public Builder severityFloor(Duration value) {
            this.severityFloor = Objects.requireNonNull(value, "severityFloor");
            return this;
        }

        /**
         * Never reports statements issued from call sites starting with {@code prefix}: a class
         * ({@code com.example.ReportJob}) or a method ({@code com.example.ReportJob.exportAll}).
         */
        public Builder allowCallSite(String prefix) {
            allowedCallSites.add(Require.notBlank("call-site prefix", prefix));
            return this;
        }

        /** Never reports statements whose fingerprint contains a match of {@code regex}. */
        public Builder allowSql(String regex) {
            Objects.requireNonNull(regex, "regex");
            try {
                allowedSql.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("allowSql is not a valid regular expression, was '" + regex + "'", e);
            }
            return this;
        }

        /** Never reports statements whose fingerprint contains a match of {@code pattern}. */
        public Builder allowSql(Pattern pattern) {
            allowedSql.add(Objects.requireNonNull(pattern, "pattern"));
            return this;
        }

        /**
         * Skips frames of classes starting with {@code prefix} when looking for the call site,
         * for the application's own data-access layer ({@code com.example.repo.BaseRepository}).
         */
        public Builder ignoreFramesFrom(String prefix) {
            ignoredFrames.add(Require.notBlank("frame prefix", prefix));
            return this;
        }

        /**
         * Declares the application's own packages ({@code com.example.}, or
         * {@code org.springframework.samples.petclinic.} for an application living in a framework's
         * namespace): the first frame under one of them is the call site, whatever the list of
         * framework packages says; frames outside them and outside that list are used only when no
         * frame of the application packages is on the stack. {@link #ignoreFramesFrom} still
         * skips classes inside them. Default: none.
         */
        public Builder applicationPackages(String... prefixes) {
            Objects.requireNonNull(prefixes, "prefixes");
            for (String prefix : prefixes) {
                applicationPackages.add(Require.notBlank("application package", prefix));
            }
            return this;
        }

        /**
         * @return the validated configuration
         * @throws IllegalArgumentException naming the first invalid setting and its value
         */
        public NPlusOneConfig build() {
            return new NPlusOneConfig(enabled, minExecutions, minDistinctParameterSets, minDuplicateExecutions,
                    severityFloor, allowedCallSites, allowedSql, ignoredFrames, applicationPackages,
                    maxStateBytesPerScope);
        }
    }
}
