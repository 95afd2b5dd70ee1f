package dev.perfmon.core.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The one daemon schedule of a periodic task (sampling, rule evaluation), so none keeps the JVM alive. */
public final class DaemonSchedule {

    private DaemonSchedule() {
    }

    /**
     * @param threadName the name of the schedule's one daemon thread
     * @return a schedule running {@code task} every {@code period}, first after one period
     */
    public static ScheduledExecutorService every(Duration period, String threadName, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long nanos = period.toNanos();
        scheduler.scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
        return scheduler;
    }
}
