package dev.perfmon.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestSampling;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.testsupport.TestDatabase;
import dev.perfmon.testsupport.TestThreads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million requests, each on a fresh virtual thread, leave nothing behind: each opens a request
 * scope, records a segment, borrows and returns a pooled connection through the pool monitor and
 * the data source decorator, and closes the scope. A virtual thread never reuses the spare scope
 * its thread-local keeps, and the pool monitor tracks holders by thread, so state kept per thread
 * and not dropped when the request ends would grow with every request. Here the heap retained after
 * a full GC may grow by less than {@value #RETAINED_BOUND_BYTES} bytes over the million, under 4 bytes
 * a request: one object kept per request (16 bytes at least) would be four times that.
 *
 * <p>What is bounded but not zero: the pool monitor keeps each borrowing thread's holder record
 * until its sampler prunes the records of ended threads (once a second), so up to a second's worth
 * of requests' records is reachable at any moment, and the set that holds them keeps the table size
 * its peak needed. Both figures are therefore taken after a prune, and the warm-up runs long enough
 * for that peak to be reached.
 */
@Tag("virtual-threads")
class VirtualThreadRetentionTest {

    /** As many as measured: the holder table's peak depends on the request rate, which a short, colder warm-up does not reach. */
    private static final int WARM_UP = 1_000_000;
    private static final int REQUESTS = 1_000_000;
    private static final int IN_FLIGHT = 16;
    private static final long RETAINED_BOUND_BYTES = 4_000_000;
    /** Longer than the pool monitor's prune interval (1 s) plus a sample interval. */
    private static final long PRUNED_AFTER_MILLIS = 1_500;
    private static final Segment WORK = Segment.of("work");

    @Test
    void aMillionRequestsOnFreshVirtualThreadsRetainNoHeap() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // Request samples are a store of their own, bounded by their memory budget (RequestSamplesTest holds it):
        // off here, so what is measured is per-thread and per-request state alone.
        try (PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build())
                .requestSampling(RequestSampling.off()).build();
             PerfMonPoolMonitor monitor = PerfMonPoolMonitor.builder(perfMon).build();
             HikariDataSource pool = monitor.createDataSource(config())) {
            PerfMonDataSource dataSource = PerfMonDataSource.builder(pool, perfMon).name("main").build();
            run(perfMon, dataSource, WARM_UP);
            Thread.sleep(PRUNED_AFTER_MILLIS);
            long before = retainedHeap();
            long started = System.nanoTime();
            run(perfMon, dataSource, REQUESTS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            Thread.sleep(PRUNED_AFTER_MILLIS);
            long after = retainedHeap();
            System.out.printf("retained heap after GC: %,d B before, %,d B after %,d requests on virtual threads"
                    + " (%+,d B, %d s)%n", before, after, REQUESTS, after - before, seconds);
            assertThat(registry.get("perfmon.request.statements").tags("uri", "/items/{id}").summary().count())
                    .isEqualTo(WARM_UP + REQUESTS);
            assertThat(after - before).as("heap retained after %,d requests (%,d B before)", REQUESTS, before)
                    .isLessThan(RETAINED_BOUND_BYTES);
        }
    }

    private static void run(PerfMon perfMon, PerfMonDataSource dataSource, int requests) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong platform = new AtomicLong();
        ExecutorService threads = TestThreads.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < requests && failure.get() == null; i++) {
                inFlight.acquire();
                threads.execute(() -> {
                    try (RequestScope scope = perfMon.openScope("GET /items/{id}")) {
                        if (!TestThreads.isVirtual(Thread.currentThread())) {
                            platform.incrementAndGet();
                        }
                        scope.recordSegment(WORK, 1_000);
                        try (Connection c = dataSource.getConnection()) {
                            c.isReadOnly();
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).as("requests finished").isTrue();
        }
        if (failure.get() != null) {
            throw new AssertionError("a request failed", failure.get());
        }
        assertThat(platform.get()).as("requests that ran on a platform thread").isZero();
    }

    /** Heap in use after full collections, once it stops falling. */
    private static long retainedHeap() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= previous) {
                return Math.min(used, previous);
            }
            previous = used;
        }
        return previous;
    }

    private static HikariConfig config() {
        TestDatabase db = TestDatabase.h2();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setPoolName("vt-retention");
        config.setMaximumPoolSize(IN_FLIGHT);
        config.setMinimumIdle(IN_FLIGHT);
        return config;
    }
}
