package dev.perfmon.core.internal;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread of a periodic task (sampling, rule evaluation), so none keeps the JVM
 * alive. Started at most once and stopped once: a component closes by stopping its schedule,
 * and the first stop tells it to release the rest of what it holds.
 */
public final class DaemonSchedule {

    private @Nullable ScheduledExecutorService executor;
    private volatile boolean stopped;

    /**
     * Runs {@code task} every {@code period}, first after one period; does nothing when the
     * schedule was started or stopped before.
     *
     * @param threadName the name of the schedule's one daemon thread
     */
    public synchronized void start(Duration period, String threadName, Runnable task) {
        if (stopped || executor != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long nanos = period.toNanos();
        started.scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
        executor = started;
    }

    /** @return true for the call that stopped the schedule, false for every later one */
    public boolean stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            if (stopped) {
                return false;
            }
            stopped = true;
            running = executor;
        }
        if (running != null) {
            running.shutdownNow();
        }
        return true;
    }

    /** @return whether {@link #stop()} was called */
    public boolean stopped() {
        return stopped;
    }
}
