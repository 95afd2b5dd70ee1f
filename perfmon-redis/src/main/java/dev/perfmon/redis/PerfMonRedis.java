package dev.perfmon.redis;

import dev.perfmon.core.PerfMon;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;

/**
 * Wiring for Lettuce: the connection codec the caches need, client resources with Lettuce's own
 * Micrometer command-latency recorder, bounded client options, and the command listener.
 *
 * <pre>{@code
 * ClientResources resources = PerfMonRedis.clientResources(perfMon);   // lettuce.command.* timers
 * RedisClient client = RedisClient.create(resources, "redis://localhost:6379");
 * client.setOptions(PerfMonRedis.clientOptions());                     // nothing queues without bound
 * client.addListener(PerfMonRedis.commandListener(perfMon));           // redis segment for raw commands
 * StatefulRedisConnection<String, byte[]> connection = client.connect(PerfMonRedis.codec());
 * }</pre>
 *
 * The caller owns the resources, client and connections and shuts them down.
 */
public final class PerfMonRedis {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** The default bound of Lettuce's queue of commands (disconnected buffer and per-connection queue). */
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 10_000;

    private PerfMonRedis() {
    }

    /** @return the connection codec of the caches: UTF-8 String keys, byte[] values */
    public static RedisCodec<String, byte[]> codec() {
        return CODEC;
    }

    /**
     * Lettuce's {@link MicrometerCommandLatencyRecorder} with histogram buckets on (so command
     * latency percentiles aggregate across instances, e.g. with {@code histogram_quantile}) and
     * no client-side percentiles: {@code lettuce.command.completion} and
     * {@code lettuce.command.firstresponse} timers tagged {@code command}, {@code local},
     * {@code remote}.
     */
    public static MicrometerOptions micrometerOptions() {
        return MicrometerOptions.builder().histogram(true).targetPercentiles(new double[0]).build();
    }

    /** @return a resources builder with Lettuce's Micrometer latency recorder on the registry */
    public static ClientResources.Builder clientResourcesBuilder(PerfMon perfMon, MicrometerOptions options) {
        return ClientResources.builder()
                .commandLatencyRecorder(new MicrometerCommandLatencyRecorder(perfMon.registry(), options));
    }

    /** @return client resources recording command latency with {@link #micrometerOptions()} */
    public static ClientResources clientResources(PerfMon perfMon) {
        return clientResourcesBuilder(perfMon, micrometerOptions()).build();
    }

    /**
     * Client options under which nothing queues without bound: while disconnected, commands are
     * rejected at once (instead of buffered until reconnect, Lettuce's default, which also
     * replays stale writes after an outage), and the command queue holds at most
     * {@link #DEFAULT_REQUEST_QUEUE_SIZE} commands. Auto-reconnect stays on.
     */
    public static ClientOptions clientOptions() {
        return clientOptionsBuilder().build();
    }

    /** @return a builder holding {@link #clientOptions()}, to add settings of your own */
    public static ClientOptions.Builder clientOptionsBuilder() {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(DEFAULT_REQUEST_QUEUE_SIZE);
    }

    /**
     * @return a listener that adds the time of commands sent outside the caches to the current
     *     request scope's {@code redis} segment (register it with {@code client.addListener})
     */
    public static PerfMonCommandListener commandListener(PerfMon perfMon) {
        return new PerfMonCommandListener(perfMon);
    }
}
