package dev.perfmon.redis.internal;

import org.jspecify.annotations.Nullable;

/**
 * Marks the commands the cache wrappers dispatch, so that the command listener, which sees
 * every command of the client, does not attribute their time to the request scope a second
 * time (the wrappers record it themselves). Lettuce calls {@code commandStarted} on the
 * dispatching thread, inside the dispatch call, which is what makes a thread-local mark work.
 *
 * <p>Marking costs a thread-local lookup per command, so it only happens once a listener
 * exists in this JVM.
 */
public final class CommandMark {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static volatile boolean listening;

    private CommandMark() {
    }

    /** Called when a listener is created: from now on, dispatches are marked. */
    public static void enable() {
        listening = true;
    }

    /** @return the mark to pass to {@link #exit(int[])}, or {@code null} when nobody listens */
    public static int @Nullable [] enter() {
        if (!listening) {
            return null;
        }
        int[] depth = DEPTH.get();
        depth[0]++;
        return depth;
    }

    /** Ends a mark returned by {@link #enter()}. */
    public static void exit(int @Nullable [] mark) {
        if (mark != null) {
            mark[0]--;
        }
    }

    /** @return whether the current thread is dispatching a wrapper command */
    public static boolean isMarked() {
        return DEPTH.get()[0] > 0;
    }
}
