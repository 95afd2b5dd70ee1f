package dev.perfmon.spring.cache;

import dev.perfmon.testsupport.Services;
import dev.perfmon.testsupport.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract over Spring Data Redis' {@code RedisCacheManager} on the real test Redis (the
 * local server, or an embedded one outside CI), and what a failing Redis looks like.
 */
class RedisCacheManagerTest extends CachingContract {

    /** Keys of this test only: the server is shared, never flushed. */
    private final String prefix = "perfmon-spring-cache-test:" + UUID.randomUUID() + ":";
    /** Where the connection factory points; a port nobody listens on simulates Redis down. */
    private URI redis = URI.create(TestRedis.uri());

    @Override
    CacheManager delegate(AnnotationConfigApplicationContext context) {
        // Immediate writes: Spring Data Redis 4 otherwise sends a put asynchronously and never reports
        // its failure to the caller, so neither Spring's error handler nor the decorator could see it,
        // and a read right after a put could still miss.
        RedisCacheWriter writer = RedisCacheWriter.create(context.getBean(LettuceConnectionFactory.class),
                configurer -> configurer.immediateWrites());
        return RedisCacheManager.builder(writer)
                .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig()
                        .prefixCacheNameWith(prefix)
                        .entryTtl(Duration.ofMinutes(1)))
                .build();
    }

    @Override
    void registerInfrastructure(AnnotationConfigApplicationContext context) {
        // A bean of the context, so Spring starts and stops it.
        context.registerBean(LettuceConnectionFactory.class,
                () -> new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.getHost(), redis.getPort())));
    }

    @Configuration
    @EnableCaching
    static class LoggingErrors implements CachingConfigurer {
        @Override
        public CacheErrorHandler errorHandler() {
            return new LoggingCacheErrorHandler();
        }
    }

    @Test
    void withRedisDownSpringsDefaultErrorHandlingReachesTheCallerAndTheFailureIsAnErrorNotAMiss() {
        redis = URI.create("redis://127.0.0.1:" + Services.freePort());
        start(Caching.class);

        assertThatThrownBy(() -> posts.find(1)).isInstanceOf(RedisConnectionFailureException.class);
        assertThatThrownBy(() -> posts.findSync(2)).isInstanceOf(RedisConnectionFailureException.class);

        assertThat(posts.reads()).isEqualTo(0);
        assertThat(posts.syncReads()).isEqualTo(0);
        assertThat(meters.errors("get", "connection")).isEqualTo(2);
        assertThat(meters.allErrors()).isEqualTo(2);
        assertThat(meters.hits() + meters.misses()).isZero();
        assertThat(meters.loads("success") + meters.loads("failure")).isZero();
    }

    @Test
    void withRedisDownAndALoggingErrorHandlerTheMethodServesTheCallAndEachFailureIsCounted() {
        redis = URI.create("redis://127.0.0.1:" + Services.freePort());
        start(LoggingErrors.class);

        assertThat(posts.find(1)).isEqualTo("post 1");        // get fails, the method runs, put fails
        posts.delete(1);                                      // evict fails

        assertThat(posts.reads()).isEqualTo(1);
        assertThat(meters.errors("get", "connection")).isEqualTo(1);
        assertThat(meters.errors("put", "connection")).isEqualTo(1);
        assertThat(meters.errors("delete", "connection")).isEqualTo(1);
        assertThat(meters.allErrors()).isEqualTo(3);
        assertThat(meters.hits() + meters.misses()).isZero();
        assertThat(meters.puts()).isZero();
        assertThat(meters.invalidations()).isEqualTo(1);
    }
}
