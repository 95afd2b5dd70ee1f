package dev.perfmon.spring.cache.internal;

import dev.perfmon.cache.CacheErrorCause;
import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.serializer.SerializationException;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class CacheErrorsTest {

    @Test
    void whatSpringDataRedisThrowsMapsOntoTheCauseTags() {
        assertThat(CacheErrors.classify(new RedisConnectionFailureException("Unable to connect to 127.0.0.1:1")))
                .isEqualTo(CacheErrorCause.CONNECTION);
        assertThat(CacheErrors.classify(new QueryTimeoutException("Redis command timed out",
                new RedisCommandTimeoutException("Command timed out after 100 ms"))))
                .isEqualTo(CacheErrorCause.TIMEOUT);
        assertThat(CacheErrors.classify(new SerializationException("Cannot deserialize")))
                .isEqualTo(CacheErrorCause.CODEC);
        assertThat(CacheErrors.classify(new RedisSystemException("WRONGTYPE", new IllegalStateException())))
                .isEqualTo(CacheErrorCause.SERVER);
    }

    @Test
    void theCauseChainIsReadSoWrappedFailuresKeepTheirCause() {
        assertThat(CacheErrors.classify(new CompletionException(new TimeoutException())))
                .isEqualTo(CacheErrorCause.TIMEOUT);
        assertThat(CacheErrors.classify(new IllegalStateException("store", new ConnectException("refused"))))
                .isEqualTo(CacheErrorCause.CONNECTION);
        assertThat(CacheErrors.classify(new IllegalStateException("anything else")))
                .isEqualTo(CacheErrorCause.SERVER);
    }
}
