package dev.perfmon.redis;

import dev.perfmon.cache.CacheStampede;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small blog service: posts read with {@code GET /posts/{id}} through
 * {@code getOrLoad} (a database read of {@code loadTime} on a miss) and updated with
 * {@code POST /posts/{id}} (a database write, then an invalidation), five reads per write, from
 * many threads at once. The naive expectation is one miss per write: a hit ratio of
 * {@code 1 - writes/reads = 80 %}. Each thread is one client with a short think time between
 * requests, as in a load test.
 */
final class HitRatioWorkload {

    /** What one run measured. */
    record Result(long reads, long writes, double hits, double misses, long loads, double coalesced,
                  double stampede, double errors, double getErrors, Duration elapsed, String firstFinding) {

        double hitRatio() {
            return hits / (hits + misses);
        }

        double expectedHitRatio() {
            return 1.0 - (double) writes / reads;
        }

        /** Database reads per cache read: the share of requests the cache did not absorb. */
        double loadsPerRead() {
            return (double) loads / reads;
        }

        @Override
        public String toString() {
            return String.format("reads=%d writes=%d hits=%.0f misses=%.0f hitRatio=%.3f expected=%.3f loads=%d"
                            + " loadsPerRead=%.3f coalesced=%.0f stampede=%.0f redisErrors=%.0f (on reads %.0f) elapsed=%dms",
                    reads, writes, hits, misses, hitRatio(), expectedHitRatio(), loads, loadsPerRead(), coalesced,
                    stampede, errors, getErrors, elapsed.toMillis());
        }
    }

    private final int threads;
    private final int posts;
    private final int requestsPerThread;
    private final Duration loadTime;
    private final Duration thinkTime;

    HitRatioWorkload(int threads, int posts, int requestsPerThread, Duration loadTime, Duration thinkTime) {
        this.threads = threads;
        this.posts = posts;
        this.requestsPerThread = requestsPerThread;
        this.loadTime = loadTime;
        this.thinkTime = thinkTime;
    }

    Result run(RedisFixture redis, String cacheName, boolean singleFlight) throws InterruptedException {
        PerfMonCache<String> cache = redis.cache(cacheName).singleFlight(singleFlight).build();
        java.util.List<CacheStampede> findings = new java.util.concurrent.CopyOnWriteArrayList<>();
        redis.perfMon.addListener(CacheStampede.class, event -> {
            if (event.cache().equals(cacheName)) {
                findings.add(event);
            }
        });
        ConcurrentHashMap<Integer, AtomicInteger> database = new ConcurrentHashMap<>();
        for (int id = 0; id < posts; id++) {
            database.put(id, new AtomicInteger());
        }
        AtomicLong reads = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicLong wrongValues = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread client = new Thread(() -> {
                try {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < requestsPerThread; i++) {
                        int id = random.nextInt(posts);
                        String key = redis.key(cacheName + ":post:" + id);
                        if (random.nextInt(6) < 5) {
                            reads.incrementAndGet();
                            String value = cache.getOrLoad(key, () -> {
                                LockSupport.parkNanos(loadTime.toNanos());
                                return "post " + id + " v" + database.get(id).get();
                            }, Duration.ofMinutes(5));
                            if (!value.startsWith("post " + id + " v")) {
                                wrongValues.incrementAndGet();
                            }
                        } else {
                            writes.incrementAndGet();
                            database.get(id).incrementAndGet();
                            cache.invalidate(key);
                        }
                        LockSupport.parkNanos(thinkTime.toNanos());
                    }
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            }, "client-" + t);
            clients.add(client);
            client.start();
        }
        long begin = System.nanoTime();
        start.countDown();
        for (Thread client : clients) {
            client.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
        if (!failures.isEmpty()) {
            throw new AssertionError("a client failed", failures.get(0));
        }
        if (wrongValues.get() > 0) {
            throw new AssertionError(wrongValues.get() + " reads returned another post's value");
        }
        return new Result(reads.get(), writes.get(), redis.hits(cacheName), redis.misses(cacheName),
                redis.loads(cacheName, "success"), redis.count("perfmon.cache.coalesced", "cache", cacheName),
                redis.count("perfmon.cache.stampede", "cache", cacheName), redis.errors(cacheName),
                redis.registry.find("perfmon.cache.errors").tags("cache", cacheName, "operation", "get").counters()
                        .stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum(), elapsed,
                findings.isEmpty() ? "none" : findings.get(0).summary());
    }

    /** Tuning entry point: {@code threads posts requests loadMs thinkMs}. */
    public static void main(String[] args) throws Exception {
        HitRatioWorkload workload = new HitRatioWorkload(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Duration.ofMillis(Long.parseLong(args[3])),
                Duration.ofNanos((long) (Double.parseDouble(args[4]) * 1_000_000)));
        for (int round = 0; round < 2; round++) {
            try (RedisFixture redis = new RedisFixture()) {
                System.out.println("off: " + workload.run(redis, "off", false));
                System.out.println("on:  " + workload.run(redis, "on", true));
            }
        }
        System.exit(0);
    }
}
