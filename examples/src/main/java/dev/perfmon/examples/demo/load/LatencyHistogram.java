package dev.perfmon.examples.demo.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free log-bucketed latency histogram for the load client (10 µs to about 2 minutes,
 * each bucket 5 % wider than the previous: percentiles are exact to within 5 %).
 */
final class LatencyHistogram {

    private static final double GROWTH = 1.05;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    private static final long FIRST_NANOS = 10_000;
    private static final int BUCKETS = 340;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.LongAdder total = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder sumNanos = new java.util.concurrent.atomic.LongAdder();

    void record(long nanos) {
        counts.incrementAndGet(bucket(nanos));
        total.increment();
        sumNanos.add(nanos);
        long seen = max.get();
        while (nanos > seen && !max.compareAndSet(seen, nanos)) {
            seen = max.get();
        }
    }

    private static int bucket(long nanos) {
        if (nanos <= FIRST_NANOS) {
            return 0;
        }
        int b = 1 + (int) (Math.log((double) nanos / FIRST_NANOS) / LOG_GROWTH);
        return Math.min(b, BUCKETS - 1);
    }

    private static long upperBound(int bucket) {
        return (long) (FIRST_NANOS * Math.pow(GROWTH, bucket));
    }

    long count() {
        return total.sum();
    }

    long maxNanos() {
        return max.get();
    }

    double meanNanos() {
        long n = total.sum();
        return n == 0 ? Double.NaN : (double) sumNanos.sum() / n;
    }

    /** @return the bucket upper bound under which {@code quantile} of the values fall (capped at the max) */
    long percentileNanos(double quantile) {
        long n = total.sum();
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(upperBound(i), max.get());
            }
        }
        return max.get();
    }
}
