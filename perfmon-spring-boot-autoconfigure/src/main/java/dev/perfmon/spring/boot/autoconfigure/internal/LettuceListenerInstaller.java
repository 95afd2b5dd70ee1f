package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.redis.PerfMonCommandListener;
import dev.perfmon.redis.PerfMonRedis;
import io.lettuce.core.AbstractRedisClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Adds perfmon-redis' {@link PerfMonCommandListener} to the Lettuce client of every
 * {@link LettuceConnectionFactory} bean, so the time each request spends in Redis (Spring Data
 * Redis templates, repositories and {@code RedisCacheManager} alike) lands in its request
 * scope's {@code redis} segment. Spring Data Redis creates the client when the factory starts:
 * by default while the bean is initialised, when this post-processor sees it; a factory started
 * later ({@code setEarlyStartup(false)}: with the context's other lifecycle beans) gets its
 * listener when the context has refreshed. Each client gets the listener once, whichever comes
 * first. A factory started by hand after that, or restarted (a new client), is left without
 * the segment. A failure is counted under {@value #COMPONENT}, never thrown.
 */
public final class LettuceListenerInstaller implements BeanPostProcessor, ApplicationListener<ContextRefreshedEvent> {

    /** The component a failure to attach the listener is counted under. */
    public static final String COMPONENT = "spring-data-redis";

    private final ObjectProvider<PerfMon> perfMon;
    private final Set<LettuceConnectionFactory> factories = Collections.newSetFromMap(new WeakHashMap<>());
    private final Set<AbstractRedisClient> listened = Collections.newSetFromMap(new WeakHashMap<>());

    /** @param perfMon looked up when the first factory is post-processed, not before */
    public LettuceListenerInstaller(ObjectProvider<PerfMon> perfMon) {
        this.perfMon = perfMon;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof LettuceConnectionFactory factory) {
            synchronized (this) {
                factories.add(factory);
            }
            attach(factory);
        }
        return bean;
    }

    /** Factories started with the context's lifecycle beans have their client by now. */
    @Override
    public void onApplicationEvent(ContextRefreshedEvent refreshed) {
        LettuceConnectionFactory[] known;
        synchronized (this) {
            known = factories.toArray(LettuceConnectionFactory[]::new);
        }
        for (LettuceConnectionFactory factory : known) {
            attach(factory);
        }
    }

    private void attach(LettuceConnectionFactory factory) {
        PerfMon owner = perfMon.getIfAvailable();
        if (owner == null) {
            return;
        }
        try {
            AbstractRedisClient client = factory.getNativeClient();
            if (client != null && firstTime(client)) {
                client.addListener(PerfMonRedis.commandListener(owner));
            }
        } catch (RuntimeException | LinkageError failure) {
            owner.recordFailure(COMPONENT, failure);
        }
    }

    private synchronized boolean firstTime(AbstractRedisClient client) {
        return listened.add(client);
    }
}
