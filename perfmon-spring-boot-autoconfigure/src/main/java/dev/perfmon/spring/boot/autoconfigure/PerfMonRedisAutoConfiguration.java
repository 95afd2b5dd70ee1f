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
 * {@link LettuceConnectionFactory}'s client), and command latency is recorded by Lettuce's own
 * {@link MicrometerCommandLatencyRecorder} ({@code lettuce.command.completion} and
 * {@code lettuce.command.firstresponse}) exactly once: Boot 3's actuator installs that recorder
 * itself ({@code LettuceMetricsAutoConfiguration}), so perfmon adds it only on Boot 4, which has
 * no such auto-configuration.
 */
@AutoConfiguration(after = PerfMonAutoConfiguration.class)
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

    /** Lettuce's latency recorder on Boot 4, whose auto-configuration has none. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer")
    @ConditionalOnMissingClass("org.springframework.boot.actuate.autoconfigure.metrics.redis.LettuceMetricsAutoConfiguration")
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
