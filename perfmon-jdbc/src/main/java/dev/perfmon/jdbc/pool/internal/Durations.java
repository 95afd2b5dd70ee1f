package dev.perfmon.jdbc.pool.internal;

import java.time.Duration;

/** Formats durations for findings: {@code 850 ms}, {@code 4.2 s}, {@code 3.5 min}. */
public final class Durations {

    private Durations() {
    }

    /** @return a short human form of {@code d} */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 120_000) {
            return tenths(millis / 100) + " s";
        }
        return tenths(millis / 6_000) + " min";
    }

    /** @return {@code tenths / 10} with one decimal, or none when it is whole: {@code 4.2}, {@code 60} */
    private static String tenths(long tenths) {
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10;
    }
}
