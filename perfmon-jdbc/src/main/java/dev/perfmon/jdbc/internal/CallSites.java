package dev.perfmon.jdbc.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the application frame that issued a statement, walking the stack from the top with
 * {@link StackWalker} and stopping as early as it can. The order of precedence for a frame:
 * <ol>
 *   <li>classes under an {@code ignoreFramesFrom} prefix are skipped (the application's own
 *       data-access base classes);</li>
 *   <li>generated classes (proxies, CGLIB subclasses, {@code $$}) are skipped, wherever they live;</li>
 *   <li>classes under an {@code applicationPackages} prefix are the application, whatever the
 *       framework list says;</li>
 *   <li>classes of the {@link FrameworkFrames framework list} are skipped;</li>
 *   <li>anything else is the application.</li>
 * </ol>
 * With application packages declared, the first frame inside them wins over an earlier frame
 * that is merely unlisted (a library perfmon does not know), which is used only when no frame of
 * the application packages is on the stack.
 */
final class CallSites {

    /** Returned when every frame belongs to infrastructure. */
    static final String UNKNOWN = "unknown";
    /** Where executions from call sites past the per-fingerprint limit are counted together. */
    static final String OTHER = "other call sites";

    private static final StackWalker WALKER = StackWalker.getInstance();

    private final String[] ignored;
    private final String[] application;

    CallSites(List<String> ignoredFrames, List<String> applicationPackages) {
        this.ignored = ignoredFrames.toArray(new String[0]);
        this.application = applicationPackages.toArray(new String[0]);
    }

    CallSites(List<String> ignoredFrames) {
        this(ignoredFrames, List.of());
    }

    /** @return {@code Class.method(File.java:42)} of the application frame, or {@link #UNKNOWN} */
    String find() {
        return application.length == 0
                ? WALKER.walk(this::firstUnlisted)
                : WALKER.walk(this::firstOfApplication);
    }

    /**
     * The same choice as {@link #find()}, for a stack captured earlier.
     *
     * @return {@code Class.method(File.java:42)} of the application frame, or {@link #UNKNOWN}
     */
    String find(CallerTrace trace) {
        StackTraceElement fallback = null;
        for (StackTraceElement frame : trace.getStackTrace()) {
            String name = frame.getClassName();
            if (application.length == 0) {
                if (!isInfrastructure(name)) {
                    return format(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                            frame.getLineNumber());
                }
            } else if (!skipped(name)) {
                if (inApplicationPackages(name)) {
                    return format(name, frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
                }
                if (fallback == null && !FrameworkFrames.isFramework(name)) {
                    fallback = frame;
                }
            }
        }
        return fallback == null ? UNKNOWN : format(fallback.getClassName(), fallback.getMethodName(),
                fallback.getFileName(), fallback.getLineNumber());
    }

    private String firstUnlisted(Stream<StackWalker.StackFrame> frames) {
        Optional<StackWalker.StackFrame> frame = frames.filter(f -> !isInfrastructure(f.getClassName())).findFirst();
        return frame.isPresent() ? format(frame.get()) : UNKNOWN;
    }

    private String firstOfApplication(Stream<StackWalker.StackFrame> frames) {
        StackWalker.StackFrame[] fallback = new StackWalker.StackFrame[1];
        Optional<StackWalker.StackFrame> inApplication = frames.filter(f -> {
            String name = f.getClassName();
            if (skipped(name)) {
                return false;
            }
            if (inApplicationPackages(name)) {
                return true;
            }
            if (fallback[0] == null && !FrameworkFrames.isFramework(name)) {
                fallback[0] = f;
            }
            return false;
        }).findFirst();
        if (inApplication.isPresent()) {
            return format(inApplication.get());
        }
        return fallback[0] != null ? format(fallback[0]) : UNKNOWN;
    }

    /** @return whether the frame of {@code className} is never the call site */
    boolean isInfrastructure(String className) {
        if (skipped(className)) {
            return true;
        }
        return !inApplicationPackages(className) && FrameworkFrames.isFramework(className);
    }

    private boolean skipped(String className) {
        for (String prefix : ignored) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return FrameworkFrames.isGenerated(className);
    }

    private boolean inApplicationPackages(String className) {
        for (String prefix : application) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String format(StackWalker.StackFrame frame) {
        return format(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
    }

    private static String format(String className, String method, String file, int line) {
        return className + '.' + method
                + (file == null ? "(Unknown Source)" : "(" + file + (line >= 0 ? ":" + line : "") + ")");
    }
}
