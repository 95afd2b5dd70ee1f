package dev.perfmon.examples.boot;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls for what the application records just after it answered (a client may read first). */
final class Await {

    private Await() {
    }

    /** @return the first non-null value within 10 s */
    static <T> T until(String what, Supplier<T> value) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
