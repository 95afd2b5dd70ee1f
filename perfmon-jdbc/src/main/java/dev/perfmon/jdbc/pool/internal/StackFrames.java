package dev.perfmon.jdbc.pool.internal;

import java.util.ArrayList;
import java.util.List;

/** Trims stacks to the frames that tell a reader where their own code is. */
public final class StackFrames {

    /** At most this many frames are kept per stack. */
    public static final int MAX_FRAMES = 24;
    /** Frames kept from the top of a current stack when the application's frames lie deeper. */
    private static final int TOP_FRAMES = 4;

    /** Frames of the pool and of perfmon itself, dropped from the top of acquisition stacks. */
    private static final String[] MACHINERY = {
        "dev.perfmon.jdbc.internal.", "dev.perfmon.jdbc.pool.internal.PoolTracker", "dev.perfmon.jdbc.hibernate.",
        "com.zaxxer.hikari.", "java.lang.Thread"
    };

    /** Frames that are never the application's own call site. */
    private static final String[] FRAMEWORK = {
        "dev.perfmon.core.", "dev.perfmon.jdbc.internal.", "dev.perfmon.jdbc.pool.internal.PoolTracker",
        "dev.perfmon.jdbc.hibernate.", "dev.perfmon.servlet.", "dev.perfmon.redis.", "com.zaxxer.hikari.", "java.", "javax.", "jdk.", "sun.", "com.sun.",
        "jakarta.", "org.hibernate.", "org.springframework.", "org.h2.", "org.postgresql.",
        "org.junit.", "org.apache.", "org.eclipse.jetty.", "io.micrometer.", "kotlin."
    };

    private StackFrames() {
    }

    /** @return {@code stack} without the leading pool and perfmon frames, at most {@link #MAX_FRAMES} */
    public static List<StackTraceElement> acquisition(StackTraceElement[] stack) {
        int start = 0;
        while (start < stack.length && isMachinery(stack[start].getClassName())) {
            start++;
        }
        return copy(stack, start);
    }

    /**
     * @return a thread's current stack cut to {@link #MAX_FRAMES}: its top frames (what it is
     *     blocked in) and, when the application's first frame lies deeper, the frames from there on
     */
    public static List<StackTraceElement> current(StackTraceElement[] stack) {
        int firstApplication = -1;
        for (int i = 0; i < stack.length && firstApplication < 0; i++) {
            if (!isFramework(stack[i].getClassName())) {
                firstApplication = i;
            }
        }
        if (firstApplication < MAX_FRAMES - TOP_FRAMES) {
            return copy(stack, 0);
        }
        List<StackTraceElement> frames = new ArrayList<>(MAX_FRAMES);
        for (int i = 0; i < TOP_FRAMES; i++) {
            frames.add(stack[i]);
        }
        for (int i = firstApplication; i < stack.length && frames.size() < MAX_FRAMES; i++) {
            frames.add(stack[i]);
        }
        return frames;
    }

    private static boolean isFramework(String className) {
        return startsWithAny(className, FRAMEWORK) || isJdbcApi(className);
    }

    /** @return the first frame that is not framework code, as {@code Class.method(File:line)}, or {@code unknown} */
    public static String site(List<StackTraceElement> stack) {
        for (StackTraceElement frame : stack) {
            if (!isFramework(frame.getClassName())) {
                return frame.toString();
            }
        }
        return stack.isEmpty() ? "unknown" : stack.get(0).toString();
    }

    private static List<StackTraceElement> copy(StackTraceElement[] stack, int start) {
        int end = Math.min(stack.length, start + MAX_FRAMES);
        List<StackTraceElement> frames = new ArrayList<>(Math.max(0, end - start));
        for (int i = start; i < end; i++) {
            frames.add(stack[i]);
        }
        return frames;
    }

    private static boolean isMachinery(String className) {
        return startsWithAny(className, MACHINERY) || isJdbcApi(className);
    }

    /** The decorator's public classes live directly in {@code dev.perfmon.jdbc}. */
    private static boolean isJdbcApi(String className) {
        return className.startsWith("dev.perfmon.jdbc.") && className.indexOf('.', "dev.perfmon.jdbc.".length()) < 0;
    }

    private static boolean startsWithAny(String className, String[] prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
