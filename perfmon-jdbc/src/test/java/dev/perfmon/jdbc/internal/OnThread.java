package dev.perfmon.jdbc.internal;

import dev.perfmon.testsupport.TestThreads;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Runs a test's body on a thread of its own and rethrows what it threw there. */
final class OnThread {

    /** A test body that may throw. */
    interface Body {
        void run() throws Exception;
    }

    private OnThread() {
    }

    /** Runs {@code body} on a new platform thread, whose spare parameter slots start empty. */
    static void platform(Body body) throws Exception {
        run(Thread::new, body);
    }

    /** Runs {@code body} on a new virtual thread; fails on a JDK without them. */
    static void virtual(Body body) throws Exception {
        run(TestThreads::newVirtualThread, body);
    }

    private static void run(Function<Runnable, Thread> newThread, Body body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = newThread.apply(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() instanceof Exception e) {
            throw e;
        } else if (failure.get() instanceof Error e) {
            throw e;
        }
    }
}
