package dev.perfmon.core;

import dev.perfmon.testsupport.MonitorScan;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing perfmon-core runs blocks while it holds a monitor, so a request on a virtual thread
 * never pins its carrier inside perfmon on JDK 21 to 23. JDK 24+ no longer pins on
 * {@code synchronized} and no longer emits {@code jdk.VirtualThreadPinned} for it, so a runtime
 * check would pass on any code there: the check reads the bytecode instead ({@link MonitorScan}),
 * and the second test shows it finds a blocking call under a monitor when there is one.
 */
class MonitorBlockingTest {

    @Test
    void perfmonCoreNeverBlocksWhileHoldingAMonitor() {
        assertThat(MonitorScan.blockingUnderMonitor(PerfMon.class)).isEmpty();
    }

    @Test
    void theScanFindsBlockingUnderAMonitorDirectlyAndThroughACallAndNothingOutsideOne() {
        assertThat(MonitorScan.blockingUnderMonitor(SleepsInSynchronizedMethod.class, ParksThroughAHelper.class,
                WaitsAfterTheMonitor.class)).containsExactly(
                ParksThroughAHelper.class.getName() + ".run (synchronized block) calls "
                        + ParksThroughAHelper.class.getName() + ".helper -> java.util.concurrent.locks.LockSupport.parkNanos",
                SleepsInSynchronizedMethod.class.getName() + ".run (synchronized method) calls java.lang.Thread.sleep");
    }

    static final class SleepsInSynchronizedMethod {
        synchronized void run() throws InterruptedException {
            Thread.sleep(1);
        }
    }

    static final class ParksThroughAHelper {
        private final Object lock = new Object();

        void run() {
            synchronized (lock) {
                helper();
            }
        }

        void helper() {
            LockSupport.parkNanos(1);
        }
    }

    static final class WaitsAfterTheMonitor {
        private int count;

        void run(Future<?> future) throws InterruptedException, ExecutionException {
            synchronized (this) {
                count++;
            }
            future.get();
        }
    }
}
