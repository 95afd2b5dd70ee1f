package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.PerfMon;
import dev.perfmon.redis.PerfMonCommandListener;
import dev.perfmon.redis.PerfMonRedis;
import dev.perfmon.spring.boot.autoconfigure.internal.LettuceListenerInstaller;
import io.lettuce.core.RedisClient;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Spring Data Redis on Lettuce: the time each request spends in Redis goes to its request
 * scope's {@code redis} segment (perfmon-redis' command listener on every
 * {@link LettuceConnectionFactory}'s client), and each command's latency is timed once, by
 * Lettuce itself. Boot 3's actuator installs Lettuce's {@link MicrometerCommandLatencyRecorder}
 * ({@code LettuceMetricsAutoConfiguration}: {@code lettuce.command.completion} and
 * {@code lettuce.command.firstresponse}); Boot 4 has no such auto-configuration but observes each
 * command through Lettuce's {@code MicrometerTracing} ({@code LettuceObservationAutoConfiguration}:
 * the {@code lettuce} timer and a span). perfmon installs the recorder only where neither did.
 */
@AutoConfiguration(after = PerfMonAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration")
@ConditionalOnClass({PerfMonCommandListener.class, RedisClient.class, LettuceConnectionFactory.class})
@ConditionalOnProperty(prefix = PerfMonProperties.PREFIX, name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBean(PerfMon.class)
public class PerfMonRedisAutoConfiguration {

    /**
     * Static, so it exists before the connection factories it post-processes.
     *
     * @return the post-processor adding the command listener to each factory's client
     */
    @Bean
    @ConditionalOnMissingBean
    static LettuceListenerInstaller perfMonLettuceListenerInstaller(ObjectProvider<PerfMon> perfMon) {
        return new LettuceListenerInstaller(perfMon);
    }

    /** Lettuce's latency recorder on Boot 4 when Boot does not observe Lettuce's commands. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer")
    @ConditionalOnMissingClass("org.springframework.boot.actuate.autoconfigure.metrics.redis.LettuceMetricsAutoConfiguration")
    @ConditionalOnMissingBean(name = "lettuceObservation")
    static class LatencyRecorderConfiguration {

        /** @return a customizer installing Lettuce's Micrometer recorder, with histogram buckets */
        @Bean
        @ConditionalOnMissingBean(name = "perfMonLettuceMetrics")
        ClientResourcesBuilderCustomizer perfMonLettuceMetrics(PerfMon perfMon) {
            return builder -> builder.commandLatencyRecorder(
                    new MicrometerCommandLatencyRecorder(perfMon.registry(), PerfMonRedis.micrometerOptions()));
        }
    }
}
