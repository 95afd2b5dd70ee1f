package dev.perfmon.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.event.command.CommandSucceededEvent;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances of a service: two PerfMons, two clients, one Redis. */
class CrossInstanceLockTest {

    private final RedisFixture first = new RedisFixture();
    private final RedisFixture second = new RedisFixture();
    private final AtomicInteger secondsSets = new AtomicInteger();

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private PerfMonCache<String> locked(RedisFixture instance, Duration maxWait) {
        return instance.cache("locked").crossInstanceLock(Duration.ofSeconds(5), maxWait).build();
    }

    /**
     * Counts the SET commands the second instance sends (its first is its lock attempt), on a
     * connection opened after the listener, as Lettuce requires.
     */
    private StatefulRedisConnection<String, byte[]> countSecondsSets() {
        second.client.addListener(new SetCounter());
        return second.client.connect(PerfMonRedis.codec());
    }

    @Test
    void aMissOnTwoInstancesLoadsOnceAndTheOtherInstanceReadsTheValue() throws Exception {
        StatefulRedisConnection<String, byte[]> secondsConnection = countSecondsSets();
        String key = first.key("post");
        PerfMonCache<String> a = locked(first, Duration.ofSeconds(5));
        PerfMonCache<String> b = PerfMonCache.builder(second.perfMon, secondsConnection).name("locked")
                .timeout(Duration.ofSeconds(2)).crossInstanceLock(Duration.ofSeconds(5), Duration.ofSeconds(5)).build();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();

        CompletableFuture<String> onA = CompletableFuture.supplyAsync(() -> a.getOrLoad(key, () -> {
            loads.incrementAndGet();
            RedisFixture.await(release);
            return "loaded by A";
        }));
        RedisFixture.await("A to hold the lock", () -> first.raw(key + ":lock") != null);
        CompletableFuture<String> onB = CompletableFuture.supplyAsync(() -> b.getOrLoad(key, () -> {
            loads.incrementAndGet();
            return "loaded by B";
        }));
        RedisFixture.await("B to try the lock", () -> secondsSets.get() >= 1);
        release.countDown();

        assertThat(onA.get(10, TimeUnit.SECONDS)).isEqualTo("loaded by A");
        assertThat(onB.get(10, TimeUnit.SECONDS)).isEqualTo("loaded by A");
        assertThat(loads).hasValue(1);
        assertThat(first.count("perfmon.cache.lock", "cache", "locked", "result", "acquired")).isEqualTo(1);
        assertThat(second.count("perfmon.cache.lock", "cache", "locked", "result", "waited")).isEqualTo(1);
        assertThat(second.hits("locked")).isEqualTo(1);
        assertThat(second.misses("locked")).isZero();
        RedisFixture.await("the lock to be released", () -> first.raw(key + ":lock") == null);
    }

    @Test
    void theAsyncViewWaitsForTheOtherInstanceWithoutBlocking() throws Exception {
        StatefulRedisConnection<String, byte[]> secondsConnection = countSecondsSets();
        String key = first.key("post");
        PerfMonCache<String> a = locked(first, Duration.ofSeconds(5));
        PerfMonCache<String> b = PerfMonCache.builder(second.perfMon, secondsConnection).name("locked")
                .timeout(Duration.ofSeconds(2)).crossInstanceLock(Duration.ofSeconds(5), Duration.ofSeconds(5)).build();
        CompletableFuture<String> database = new CompletableFuture<>();

        CompletableFuture<String> onA = a.async().getOrLoad(key, () -> database).toCompletableFuture();
        RedisFixture.await("A to hold the lock", () -> first.raw(key + ":lock") != null);
        CompletableFuture<String> onB = b.async().getOrLoad(key,
                () -> CompletableFuture.completedFuture("loaded by B")).toCompletableFuture();
        RedisFixture.await("B to try the lock", () -> secondsSets.get() >= 1);
        database.complete("loaded by A");

        assertThat(onA.get(10, TimeUnit.SECONDS)).isEqualTo("loaded by A");
        assertThat(onB.get(10, TimeUnit.SECONDS)).isEqualTo("loaded by A");
        assertThat(second.loads("locked", "success")).isZero();
        assertThat(second.count("perfmon.cache.lock", "cache", "locked", "result", "waited")).isEqualTo(1);
    }

    @Test
    void aWaiterLoadsItselfOnceMaxWaitHasPassed() {
        String key = first.key("post");
        // A holder that died: the lock stays until its lease expires.
        first.connection.sync().set(key + ":lock", "dead holder".getBytes(StandardCharsets.UTF_8));
        PerfMonCache<String> b = locked(second, Duration.ofMillis(150));

        assertThat(b.getOrLoad(key, () -> "loaded anyway")).isEqualTo("loaded anyway");
        assertThat(b.async().getOrLoad(second.key("other"), () -> CompletableFuture.completedFuture("x"))
                .toCompletableFuture().join()).isEqualTo("x");

        assertThat(second.count("perfmon.cache.lock", "cache", "locked", "result", "timeout")).isEqualTo(1);
        assertThat(second.loads("locked", "success")).isEqualTo(2);
    }

    @Test
    void releaseDeletesTheLockOnlyIfItStillHoldsTheHoldersToken() throws Exception {
        String key = first.key("post");
        PerfMonCache<String> a = locked(first, Duration.ofSeconds(1));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> onA = CompletableFuture.supplyAsync(() -> a.getOrLoad(key, () -> {
            RedisFixture.await(release);
            return "v";
        }));
        RedisFixture.await("A to hold the lock", () -> first.raw(key + ":lock") != null);
        // A's lease expired and another instance took the lock meanwhile.
        first.connection.sync().set(key + ":lock", "someone else".getBytes(StandardCharsets.UTF_8));
        release.countDown();
        onA.get(10, TimeUnit.SECONDS);

        RedisFixture.await("A's write-back", () -> first.raw(key) != null);
        first.connection.sync().ping();
        assertThat(new String(first.raw(key + ":lock"), StandardCharsets.UTF_8)).isEqualTo("someone else");
    }

    @Test
    void aMissWhoseLockIsTakenJustAfterTheHolderWroteReadsTheValueInsteadOfLoading() throws Exception {
        assertTheLateLockReadsTheHoldersValue(1, b -> b.getOrLoad(first.key("post"), () -> "loaded by B"));
    }

    @Test
    void aWaiterWhoseRetryTakesTheLockJustAfterTheHolderWroteReadsTheValueInsteadOfLoading() throws Exception {
        assertTheLateLockReadsTheHoldersValue(2, b -> b.getOrLoad(first.key("post"), () -> "loaded by B"));
    }

    @Test
    void theAsyncWaiterReadsTheValueAfterALateRetry() throws Exception {
        assertTheLateLockReadsTheHoldersValue(2, b -> b.async().getOrLoad(first.key("post"),
                () -> CompletableFuture.completedFuture("loaded by B")).toCompletableFuture().join());
    }

    /**
     * The holder writes its value and releases the lock in the gap between the other instance's
     * read of the key (its miss, or a poll while it waited) and its next {@code SET NX}, which
     * therefore takes the lock: that instance must still serve the holder's value, not load. The
     * gap is made on purpose: the holder is let go from a listener on the reply to the other
     * instance's {@code gets}-th GET and has finished before that client can send anything more.
     */
    private void assertTheLateLockReadsTheHoldersValue(int gets, Function<PerfMonCache<String>, String> waiterGet)
            throws Exception {
        String key = first.key("post");
        PerfMonCache<String> a = locked(first, Duration.ofSeconds(5));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> onA = CompletableFuture.supplyAsync(() -> a.getOrLoad(key, () -> {
            RedisFixture.await(release);
            return "loaded by A";
        }));
        RedisFixture.await("A to hold the lock", () -> first.raw(key + ":lock") != null);

        AtomicInteger secondsGets = new AtomicInteger();
        AtomicBoolean holderLetGo = new AtomicBoolean();
        second.client.addListener(new SetCounter() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                if (event.getCommand().getType() == CommandType.GET && secondsGets.incrementAndGet() == gets) {
                    holderLetGo.set(true);
                    release.countDown();
                    RedisFixture.await("A's write-back and release",
                            () -> first.raw(key) != null && first.raw(key + ":lock") == null);
                }
            }
        });
        StatefulRedisConnection<String, byte[]> secondsConnection = second.client.connect(PerfMonRedis.codec());
        PerfMonCache<String> b = PerfMonCache.builder(second.perfMon, secondsConnection).name("locked")
                .timeout(Duration.ofSeconds(5)).crossInstanceLock(Duration.ofSeconds(5), Duration.ofSeconds(5)).build();

        assertThat(waiterGet.apply(b)).isEqualTo("loaded by A");
        assertThat(secondsSets).as("lock attempts of the other instance").hasValue(gets);
        assertThat(onA.get(10, TimeUnit.SECONDS)).isEqualTo("loaded by A");
        assertThat(holderLetGo).isTrue();
        assertThat(second.loads("locked", "success")).isZero();
        assertThat(second.count("perfmon.cache.lock", "cache", "locked", "result", "waited")).isEqualTo(1);
        assertThat(second.count("perfmon.cache.lock", "cache", "locked", "result", "acquired")).isZero();
        RedisFixture.await("B to give back the lock it took", () -> first.raw(key + ":lock") == null);
    }

    /** Counts the SET commands the second instance's client starts. */
    private class SetCounter implements CommandListener {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommand().getType() == CommandType.SET) {
                secondsSets.incrementAndGet();
            }
        }
    }
}
