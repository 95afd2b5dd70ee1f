package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.redis.PerfMonCommandListener;
import dev.perfmon.redis.PerfMonRedis;
import io.lettuce.core.AbstractRedisClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Adds perfmon-redis' {@link PerfMonCommandListener} to the Lettuce client of every
 * {@link LettuceConnectionFactory} bean, so the time each request spends in Redis (Spring Data
 * Redis templates, repositories and {@code RedisCacheManager} alike) lands in its request
 * scope's {@code redis} segment. Spring Data Redis creates the client when the factory starts,
 * which it does while being initialised (its default early start-up), before the first
 * connection: the listener sees every command. A factory without a client then (started later)
 * is left without the segment; a failure is counted under {@value #COMPONENT}, never thrown.
 */
public final class LettuceListenerInstaller implements BeanPostProcessor {

    /** The component a failure to attach the listener is counted under. */
    public static final String COMPONENT = "spring-data-redis";

    private final ObjectProvider<PerfMon> perfMon;

    /** @param perfMon looked up when the first factory is post-processed, not before */
    public LettuceListenerInstaller(ObjectProvider<PerfMon> perfMon) {
        this.perfMon = perfMon;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof LettuceConnectionFactory factory) {
            PerfMon owner = perfMon.getIfAvailable();
            if (owner != null) {
                try {
                    AbstractRedisClient client = factory.getNativeClient();
                    if (client != null) {
                        client.addListener(PerfMonRedis.commandListener(owner));
                    }
                } catch (RuntimeException | LinkageError failure) {
                    owner.recordFailure(COMPONENT, failure);
                }
            }
        }
        return bean;
    }
}
