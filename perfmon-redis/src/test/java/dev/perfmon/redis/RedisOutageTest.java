package dev.perfmon.redis;

import dev.perfmon.testsupport.TestRedis;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A private redis-server is stopped in the middle of traffic (blocking, asynchronous and reactive
 * callers) and brought back: every request is
 * still served (by the loader), Redis failures are counted as errors and not as misses, the
 * circuit breaker opens, nothing piles up beyond the cache's bound, and hits come back after the
 * restart.
 */
class RedisOutageTest {

    private static final int THREADS = 4;
    private static final int KEYS = 20;
    private static final int MAX_PENDING = 50;

    /**
     * @param rejectWhileDisconnected {@code true}: {@link PerfMonRedis#clientOptions()}
     *     (commands rejected at once while disconnected); {@code false}: Lettuce's defaults
     *     (commands buffered until reconnect, so they time out and then hit the cache's bound)
     */
    @ParameterizedTest(name = "rejectWhileDisconnected={0}")
    @ValueSource(booleans = {true, false})
    void requestsAreServedThroughAnOutageAndHitsReturnAfterTheRestart(boolean rejectWhileDisconnected)
            throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build()).build();
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(Delay.constant(Duration.ofMillis(50))).build();
        try (TestRedis.PrivateRedis server = TestRedis.startPrivate()) {
            RedisClient client = RedisClient.create(resources, server.uri());
            client.setOptions(rejectWhileDisconnected ? PerfMonRedis.clientOptions() : ClientOptions.create());
            StatefulRedisConnection<String, byte[]> connection = client.connect(PerfMonRedis.codec());
            PerfMonCache<String> cache = PerfMonCache.builder(perfMon, connection).name("outage")
                    .timeout(Duration.ofMillis(100)).maxPendingCommands(MAX_PENDING).build();
            Counts counts = new Counts(registry);

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong served = new AtomicLong();
            AtomicInteger maxPending = new AtomicInteger();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                Thread thread = new Thread(() -> {
                    int i = offset;
                    while (running.get()) {
                        String key = "outage:" + (i++ % KEYS);
                        try {
                            // Blocking, asynchronous and reactive callers side by side.
                            String value = switch (offset % 3) {
                                case 0 -> cache.getOrLoad(key, () -> "db:" + key);
                                case 1 -> cache.async().getOrLoad(key,
                                        () -> CompletableFuture.completedFuture("db:" + key)).toCompletableFuture().join();
                                default -> cache.reactive().getOrLoad(key, () -> Mono.just("db:" + key)).block();
                            };
                            if (!value.equals("db:" + key)) {
                                throw new AssertionError("wrong value for " + key + ": " + value);
                            }
                            served.incrementAndGet();
                            maxPending.accumulateAndGet(cache.pendingCommands(), Math::max);
                        } catch (Throwable failure) {
                            failures.add(failure);
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }

            RedisFixture.await("hits before the outage", () -> counts.hits() > 200);
            server.stop();
            Snapshot atStop = counts.snapshot();
            RedisFixture.await("requests served during the outage", Duration.ofSeconds(20),
                    () -> counts.loads() - atStop.loads > 100 && counts.errors() - atStop.errors > 20);
            Snapshot beforeRestart = counts.snapshot();
            server.start();
            RedisFixture.await("hits after the restart", Duration.ofSeconds(30),
                    () -> counts.hits() - beforeRestart.hits > 200);
            running.set(false);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            RedisFixture.await("the queue to drain", () -> cache.pendingCommands() == 0);

            assertThat(failures).isEmpty();
            assertThat(served.get()).isGreaterThan(500);
            // During the outage: errors, loads, and no misses but those of calls that straddled the stop.
            long outageErrors = beforeRestart.errors - atStop.errors;
            long outageLoads = beforeRestart.loads - atStop.loads;
            long outageMisses = beforeRestart.misses - atStop.misses;
            assertThat(outageErrors).isGreaterThan(20);
            assertThat(outageLoads).isGreaterThan(100);
            assertThat(outageMisses).isLessThanOrEqualTo(THREADS);
            // The first failures open the connection's circuit breaker; then operations skip Redis at once.
            if (rejectWhileDisconnected) {
                assertThat(counts.errors("get", "connection")).isGreaterThan(0);
            } else {
                assertThat(counts.errors("get", "timeout")).isGreaterThan(0);
            }
            assertThat(counts.errors("get", "breaker")).isGreaterThan(0);
            // Blocked callers take no permit up front, so each may add one when it times out.
            assertThat(maxPending.get()).isLessThanOrEqualTo(MAX_PENDING + THREADS);
            assertThat(counts.hits() - beforeRestart.hits).isGreaterThan(200);
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } finally {
            resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
            perfMon.close();
        }
    }

    private record Snapshot(long hits, long misses, long loads, long errors) {
    }

    private static final class Counts {
        private final MeterRegistry registry;

        Counts(MeterRegistry registry) {
            this.registry = registry;
        }

        long hits() {
            return (long) registry.get("cache.gets").tags("cache", "outage", "result", "hit").counter().count();
        }

        long misses() {
            return (long) registry.get("cache.gets").tags("cache", "outage", "result", "miss").counter().count();
        }

        long loads() {
            return registry.get("cache.loads").tags("cache", "outage").timers().stream().mapToLong(t -> t.count()).sum();
        }

        long errors() {
            return (long) registry.get("perfmon.cache.errors").tags("cache", "outage").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
        }

        long errors(String operation, String cause) {
            return (long) registry.get("perfmon.cache.errors")
                    .tags("cache", "outage", "operation", operation, "cause", cause).counter().count();
        }

        Snapshot snapshot() {
            return new Snapshot(hits(), misses(), loads(), errors());
        }
    }
}
