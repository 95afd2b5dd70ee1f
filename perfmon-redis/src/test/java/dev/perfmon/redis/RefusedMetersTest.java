package dev.perfmon.redis;

import dev.perfmon.testsupport.FailingRegistry;
import dev.perfmon.testsupport.LogCapture;
import dev.perfmon.testsupport.TestRedis;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry that refuses every meter, {@code perfmon.internal.errors} included: the cache
 * builds and serves from real Redis, and every hit it could not count is counted as lost.
 */
class RefusedMetersTest {

    private static final int HITS = 300;

    @Test
    void aCacheOverARegistryRefusingEveryMeterServesAndCountsEachLostMeasurement() {
        FailingRegistry registry = FailingRegistry.refusingRegistration();
        try (LogCapture log = LogCapture.of("dev.perfmon");
             RedisFixture redis = new RedisFixture(TestRedis.uri(), null, registry)) {
            PerfMonCache<String> cache = redis.cache("refused").build();
            String key = redis.key("post:1");
            assertThat(cache.getOrLoad(key, () -> "post")).isEqualTo("post");
            RedisFixture.await("the write-back", () -> redis.raw(key) != null
                    && "post".equals(new String(redis.raw(key), StandardCharsets.UTF_8)));
            long afterFirstLoad = redis.perfMon.lostMeasurements("redis-cache");
            assertThat(afterFirstLoad).isPositive(); // the miss, the load, the put

            for (int i = 0; i < HITS; i++) {
                assertThat(cache.getOrLoad(key, () -> "loaded again")).isEqualTo("post");
            }

            assertThat(redis.perfMon.lostMeasurements("redis-cache")).isEqualTo(afterFirstLoad + HITS);
            assertThat(redis.perfMon.failureCount("redis-cache")).isEqualTo(afterFirstLoad + HITS
                    + registry.refusedRegistrations("cache.") + registry.refusedRegistrations("perfmon.cache."));
            assertThat(log.containing("redis-cache")).hasSize(1);
        }
    }
}
