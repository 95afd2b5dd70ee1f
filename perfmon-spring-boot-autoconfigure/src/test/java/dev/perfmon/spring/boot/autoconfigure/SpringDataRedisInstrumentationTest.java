package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.Segment;
import dev.perfmon.spring.boot.autoconfigure.internal.LettuceListenerInstaller;
import dev.perfmon.testsupport.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Data Redis on Lettuce, configured by Boot, against a real Redis: the time of each
 * command sent inside a request scope lands in its {@code redis} segment, and Lettuce's latency
 * recorder times each command once.
 */
class SpringDataRedisInstrumentationTest {

    private final String prefix = "perfmon:boot:" + UUID.randomUUID() + ":";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration.class,
                    org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration.class,
                    org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration.class,
                    org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration.class,
                    PerfMonAutoConfiguration.class, PerfMonRedisAutoConfiguration.class))
            .withPropertyValues("spring.data.redis.url=" + TestRedis.uri(), "perfmon.jvm-metrics.enabled=false");

    @Test
    void commandsInsideAScopeAddToItsRedisSegment() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LettuceListenerInstaller.class);
            PerfMon perfMon = context.getBean(PerfMon.class);
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            redis.opsForValue().set(prefix + "outside", "1");
            try (RequestScope scope = perfMon.openScope("GET /posts/{id}")) {
                redis.opsForValue().set(prefix + "k", "v");
                assertThat(redis.opsForValue().get(prefix + "k")).isEqualTo("v");
                await(() -> scope.segmentCount(Segment.REDIS) == 2);
                assertThat(scope.segmentCount(Segment.REDIS)).isEqualTo(2);
                assertThat(scope.segmentNanos(Segment.REDIS)).isPositive();
            }
            redis.delete(java.util.List.of(prefix + "outside", prefix + "k"));
        });
    }

    @Test
    void aFactoryStartedWithTheLifecycleBeansGetsItsRedisSegmentOnce() {
        runner.withUserConfiguration(LateStartingFactory.class).run(context -> {
            assertThat(context).hasNotFailed();
            LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
            assertThat(factory.isEarlyStartup()).isFalse();
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            // A second refresh event (a child context's) must not add a second listener.
            context.publishEvent(new ContextRefreshedEvent(context.getSourceApplicationContext()));
            try (RequestScope scope = context.getBean(PerfMon.class).openScope("GET /posts/{id}")) {
                redis.opsForValue().set(prefix + "late", "1");
                await(() -> scope.segmentCount(Segment.REDIS) >= 1);
                Thread.sleep(50);
                assertThat(scope.segmentCount(Segment.REDIS)).isEqualTo(1);
            }
            redis.delete(prefix + "late");
        });
    }

    /** The application's own factory, started with the other lifecycle beans instead of at creation. */
    @Configuration(proxyBeanMethods = false)
    static class LateStartingFactory {

        @Bean
        LettuceConnectionFactory redisConnectionFactory() {
            java.net.URI uri = java.net.URI.create(TestRedis.uri());
            LettuceConnectionFactory factory = new LettuceConnectionFactory(
                    new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
            factory.setEarlyStartup(false);
            return factory;
        }
    }

    @Test
    void lettuceTimesEachCommandOnce() {
        runner.run(context -> {
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            redis.opsForValue().set(prefix + "once", "1");
            redis.delete(prefix + "once");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            await(() -> completions(registry, "DEL") == 1);
            assertThat(completions(registry, "SET")).isEqualTo(1);
            assertThat(completions(registry, "DEL")).isEqualTo(1);
        });
    }

    @Test
    void whereBootObservesLettuceItsTimerIsTheOnlyOne() {
        runner.withConfiguration(AutoConfigurations.of(
                        org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration.class,
                        org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration.class,
                        org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("lettuceObservation").doesNotHaveBean("perfMonLettuceMetrics");
                    StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
                    redis.opsForValue().set(prefix + "observed", "1");
                    redis.delete(prefix + "observed");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    await(() -> observed(registry, "DEL") == 1);
                    assertThat(observed(registry, "SET")).isEqualTo(1);
                    assertThat(observed(registry, "DEL")).isEqualTo(1);
                    assertThat(registry.find("lettuce.command.completion").timers()).isEmpty();
                });
    }

    private static long observed(MeterRegistry registry, String command) {
        return registry.find("lettuce").tag("db.operation", command).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    @Test
    void redisEnabledFalseLeavesLettuceAlone() {
        runner.withPropertyValues("perfmon.redis.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LettuceListenerInstaller.class);
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            try (RequestScope scope = context.getBean(PerfMon.class).openScope("GET /posts/{id}")) {
                redis.opsForValue().set(prefix + "off", "1");
                assertThat(scope.segmentCount(Segment.REDIS)).isZero();
            }
            redis.delete(prefix + "off");
            assertThat(context.getBean(MeterRegistry.class).find("lettuce.command.completion").timers()).isEmpty();
        });
    }

    private static long completions(MeterRegistry registry, String command) {
        return registry.find("lettuce.command.completion").tag("command", command).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
