package dev.perfmon.examples.demo.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The phases of a load run. The standard plan: <b>warm-up</b> (users ramp up), <b>steady</b>
 * (every user, 5:1 read/write mix), <b>overload</b> (the same, plus callers hammering the slow
 * report endpoint until the pool runs dry), <b>recovery</b> (back to the steady mix).
 *
 * @param phases the phases, in order
 * @param think the pause range of a normal user between two requests (a user reads the page)
 */
public record LoadPlan(List<Phase> phases, ThinkTime think) {

    /** The shortest run the standard plan accepts. */
    public static final Duration MIN_DURATION = Duration.ofSeconds(12);

    /** Validates the plan. */
    public LoadPlan {
        phases = List.copyOf(phases);
        Objects.requireNonNull(think, "think");
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one phase");
        }
    }

    /**
     * One phase.
     *
     * @param name shown in the progress line and the summary
     * @param length how long it lasts
     * @param users normal users (5:1 read/write mix) by the end of the phase
     * @param rampUp whether users start one by one over the phase instead of all at once
     * @param reportCallers callers repeatedly requesting {@code GET /reports/slow} without pause
     */
    public record Phase(String name, Duration length, int users, boolean rampUp, int reportCallers) {

        /** Validates the phase. */
        public Phase {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(length, "length");
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("phase " + name + " needs a positive length: " + length);
            }
            if (users < 0 || reportCallers < 0) {
                throw new IllegalArgumentException("phase " + name + " needs non-negative user counts");
            }
        }

        /** @return how many normal users are active {@code elapsed} into the phase */
        public int usersAt(Duration elapsed) {
            if (!rampUp) {
                return users;
            }
            double share = Math.min(1.0, (double) elapsed.toNanos() / length.toNanos());
            return Math.max(1, (int) Math.ceil(users * share));
        }
    }

    /**
     * A uniform pause between a normal user's requests.
     *
     * @param min the shortest pause
     * @param max the longest pause
     */
    public record ThinkTime(Duration min, Duration max) {

        /** Validates the range. */
        public ThinkTime {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("think time must satisfy 0 <= min <= max: " + min + ".." + max);
            }
        }
    }

    /**
     * @param total the whole run, at least {@link #MIN_DURATION}
     * @param users normal users
     * @param reportCallers callers of the slow report in the overload phase (more than the pool size empties it)
     * @return warm-up 10 %, steady 45 %, overload 30 %, recovery 15 %
     */
    public static LoadPlan standard(Duration total, int users, int reportCallers) {
        if (total.compareTo(MIN_DURATION) < 0) {
            throw new IllegalArgumentException("duration must be at least " + MIN_DURATION.toSeconds() + "s: " + total);
        }
        if (users < 1) {
            throw new IllegalArgumentException("users must be positive: " + users);
        }
        long ms = total.toMillis();
        long warmup = ms / 10;
        long steady = ms * 45 / 100;
        long overload = ms * 30 / 100;
        long recovery = ms - warmup - steady - overload;
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("warm-up", Duration.ofMillis(warmup), users, true, 0));
        phases.add(new Phase("steady", Duration.ofMillis(steady), users, false, 0));
        phases.add(new Phase("overload", Duration.ofMillis(overload), users, false, reportCallers));
        phases.add(new Phase("recovery", Duration.ofMillis(recovery), users, false, 0));
        return new LoadPlan(phases, new ThinkTime(Duration.ofMillis(25), Duration.ofMillis(125)));
    }

    /** @return the sum of the phases' lengths */
    public Duration total() {
        Duration sum = Duration.ZERO;
        for (Phase phase : phases) {
            sum = sum.plus(phase.length());
        }
        return sum;
    }

    /** @return the most normal users any phase has */
    public int maxUsers() {
        return phases.stream().mapToInt(Phase::users).max().orElse(0);
    }

    /** @return the most report callers any phase has */
    public int maxReportCallers() {
        return phases.stream().mapToInt(Phase::reportCallers).max().orElse(0);
    }
}
