package dev.perfmon.redis;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.testsupport.TestRedis;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLevelTest {

    private final RedisFixture redis = new RedisFixture();
    private StatefulRedisConnection<String, byte[]> listened;

    @AfterEach
    void close() {
        if (listened != null) {
            listened.close();
        }
        redis.close();
    }

    /** Lettuce applies command listeners to connections opened after they were added. */
    private StatefulRedisConnection<String, byte[]> listenedConnection() {
        redis.client.addListener(PerfMonRedis.commandListener(redis.perfMon));
        listened = redis.client.connect(PerfMonRedis.codec());
        return listened;
    }

    @Test
    void rawCommandsInsideAScopeAddToItsRedisSegmentAndCacheCommandsAreNotCountedTwice() {
        StatefulRedisConnection<String, byte[]> connection = listenedConnection();
        PerfMonCache<String> cache = PerfMonCache.builder(redis.perfMon, connection).name("listened").build();
        String key = redis.key("k");

        try (RequestScope scope = redis.perfMon.openScope("GET /mixed")) {
            connection.sync().set(redis.key("raw"), new byte[] {1});
            connection.sync().get(redis.key("raw"));
            cache.get(key);
            connection.async().ping();
            // One connection answers in order: once PING is attributed, everything before it is.
            RedisFixture.await("the raw commands' replies", () -> scope.segmentCount(Segment.REDIS) >= 4);

            // SET + GET + PING from the listener, GET from the cache itself: 4, not 5.
            assertThat(scope.segmentCount(Segment.REDIS)).isEqualTo(4);
            assertThat(scope.segmentNanos(Segment.REDIS)).isPositive();
        }
    }

    @Test
    void aKeptRequestsTimelineNamesEachCommandAndCacheOperationButNoKey() {
        StatefulRedisConnection<String, byte[]> connection = listenedConnection();
        PerfMonCache<String> cache = PerfMonCache.builder(redis.perfMon, connection).name("listened").build();
        String raw = redis.key("customer:4711");
        String cached = redis.key("order:0815");

        try (RequestScope scope = redis.perfMon.openScope("GET /orders/{id}")) {
            connection.sync().set(raw, new byte[] {1});
            cache.get(cached);
            connection.sync().get(raw);
            RedisFixture.await("the commands' replies", () -> scope.segmentCount(Segment.REDIS) >= 3);
            scope.outcome(500, null); // failed: kept whatever its duration
        }

        dev.perfmon.core.RequestSample sample = redis.perfMon.requestSamples().forRoute("GET /orders/{id}").get(0);
        assertThat(sample.timeline()).extracting(dev.perfmon.core.TimelineEntry::kind).containsOnly("redis");
        assertThat(sample.timeline()).extracting(dev.perfmon.core.TimelineEntry::label).containsExactly("SET", "get", "GET");
        assertThat(sample.timeline()).allSatisfy(step -> assertThat(step.durationNanos()).isPositive());
        assertThat(sample.route()).isEqualTo("GET /orders/{id}"); // the labels above are the whole of what names the commands
    }

    @Test
    void asynchronousRawCommandsAreAttributedToTheScopeThatSentThem() throws Exception {
        StatefulRedisConnection<String, byte[]> connection = listenedConnection();

        try (RequestScope scope = redis.perfMon.openScope("GET /async-raw")) {
            connection.async().set(redis.key("a"), new byte[] {1}).get(5, TimeUnit.SECONDS);
            connection.async().get(redis.key("a")).get(5, TimeUnit.SECONDS);
            RedisFixture.await("both replies", () -> scope.segmentCount(Segment.REDIS) == 2);
        }
    }

    @Test
    void commandsOutsideAScopeAreNotAttributedAnywhere() {
        StatefulRedisConnection<String, byte[]> connection = listenedConnection();
        connection.sync().set(redis.key("outside"), new byte[] {1});

        try (RequestScope scope = redis.perfMon.openScope("GET /later")) {
            connection.sync().ping();
            RedisFixture.await("the ping", () -> scope.segmentCount(Segment.REDIS) == 1);
        }
        assertThat(redis.perfMon.failureCount("redis-command-listener")).isZero();
    }

    @Test
    void lettucesOwnMicrometerRecorderPublishesCommandLatencyWithHistogramBuckets() {
        ClientResources resources = PerfMonRedis.clientResources(redis.perfMon);
        RedisClient client = RedisClient.create(resources, TestRedis.uri());
        try (StatefulRedisConnection<String, byte[]> connection = client.connect(PerfMonRedis.codec())) {
            PerfMonCache<String> cache = PerfMonCache.builder(redis.perfMon, connection).name("latency").build();
            cache.put(redis.key("k"), "v");
            cache.get(redis.key("k"));

            Timer get = redis.registry.find("lettuce.command.completion").tag("command", "GET").timer();
            assertThat(get).isNotNull();
            assertThat(get.count()).isGreaterThanOrEqualTo(1);
            // Histogram buckets on, client-side percentiles off: percentiles aggregate across instances.
            assertThat(get.takeSnapshot().percentileValues()).isEmpty();
            assertThat(redis.registry.find("lettuce.command.firstresponse").tag("command", "SET").timer()).isNotNull();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    @Test
    void theRecommendedClientOptionsRejectWhileDisconnectedAndBoundTheQueue() {
        ClientOptions options = PerfMonRedis.clientOptions();

        assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        assertThat(options.getRequestQueueSize()).isEqualTo(PerfMonRedis.DEFAULT_REQUEST_QUEUE_SIZE);
        assertThat(options.isAutoReconnect()).isTrue();
    }
}
