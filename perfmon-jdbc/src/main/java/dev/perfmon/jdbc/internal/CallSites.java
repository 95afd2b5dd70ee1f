package dev.perfmon.jdbc.internal;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 *
 * <p>The walk decides per class, not per name: each class is judged once (a {@link ClassValue})
 * and a frame's readable form is made once per method and bytecode index, so walking a loop's
 * executions reads no frame's line number and builds no string after the first.
 */
final class CallSites {

    /** Returned when every frame belongs to infrastructure. */
    static final String UNKNOWN = "unknown";
    /** Where executions from call sites past the per-fingerprint limit are counted together. */
    static final String OTHER = "other call sites";

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    /** Readable call sites kept per walker; past this many, new ones are formatted each time. */
    static final int MAX_FORMATTED = 1024;

    private static final byte SKIPPED = 0;
    private static final byte APPLICATION = 1;
    private static final byte FRAMEWORK = 2;
    private static final byte UNLISTED = 3;

    private final ClassValue<Byte> kinds = new ClassValue<>() {
        @Override
        protected Byte computeValue(Class<?> type) {
            return kind(type.getName());
        }
    };
    private final Map<FrameKey, String> formatted = new ConcurrentHashMap<>();
    private final Function<Stream<StackWalker.StackFrame>, String> pick = this::pick;

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
        return WALKER.walk(pick);
    }

    private String pick(Stream<StackWalker.StackFrame> frames) {
        StackWalker.StackFrame fallback = null;
        for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
            StackWalker.StackFrame frame = it.next();
            byte kind = kinds.get(frame.getDeclaringClass());
            if (kind == APPLICATION || (kind == UNLISTED && application.length == 0)) {
                return readable(frame);
            }
            if (kind == UNLISTED && fallback == null) {
                fallback = frame;
            }
        }
        return fallback == null ? UNKNOWN : readable(fallback);
    }

    private byte kind(String className) {
        if (skipped(className)) {
            return SKIPPED;
        }
        if (inApplicationPackages(className)) {
            return APPLICATION;
        }
        return FrameworkFrames.isFramework(className) ? FRAMEWORK : UNLISTED;
    }

    private String readable(StackWalker.StackFrame frame) {
        FrameKey key = new FrameKey(frame.getClassName(), frame.getMethodName(), frame.getDescriptor(),
                frame.getByteCodeIndex());
        String site = formatted.get(key);
        if (site == null) {
            site = format(frame);
            if (formatted.size() < MAX_FORMATTED) {
                formatted.put(key, site);
            }
        }
        return site;
    }

    /**
     * A frame's identity: the same class, method (overloads apart) and bytecode index is the same
     * source line. By
     * name, so the cache never keeps an application's classes from unloading.
     */
    private record FrameKey(String className, String method, String descriptor, int bci) {
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
