package dev.perfmon.examples.demo.web;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.testsupport.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's Redis health check against a private redis-server paused with SIGSTOP: it says DOWN
 * within its bounded timeout instead of hanging for Lettuce's 60 s and then saying UP, and UP
 * again once the server is resumed.
 */
class RedisHealthTimeoutTest {

    @Test
    void aHungRedisIsReportedDownWithinThePingTimeout() throws Exception {
        PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        try (TestRedis.PrivateRedis server = TestRedis.startPrivate();
             RedisPostCache cache = new RedisPostCache(perfMon, server.uri(), "health:", Duration.ofMinutes(1))) {
            assertThat(cache.ping()).isTrue();
            long pid = pid(server.uri());

            signal("STOP", pid);
            try {
                long start = System.nanoTime();
                boolean up = cache.ping();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(up).isFalse();
                assertThat(millis).isBetween(RedisPostCache.PING_TIMEOUT.toMillis() - 5,
                        RedisPostCache.PING_TIMEOUT.toMillis() * 2);
            } finally {
                signal("CONT", pid);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean back = false;
            while (!back && System.nanoTime() < deadline) {
                back = cache.ping();
            }
            assertThat(back).isTrue();
        } finally {
            perfMon.close();
        }
    }

    private static long pid(String uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return Long.parseLong(connection.sync().info("server").lines()
                    .filter(line -> line.startsWith("process_id:")).findFirst().orElseThrow()
                    .substring("process_id:".length()).trim());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start().waitFor())
                .isZero();
    }
}
