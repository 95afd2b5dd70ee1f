package dev.perfmon.redis;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReactiveCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RedisFixture redis = new RedisFixture();

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void nothingIsSentUntilSubscription() {
        PerfMonReactiveCache<String> cache = redis.cache("lazy").build().reactive();
        String key = redis.key("k");

        Mono<Boolean> put = cache.put(key, "v");
        assertThat(redis.raw(key)).isNull();

        assertThat(put.block(WAIT)).isTrue();
        assertThat(redis.raw(key)).isNotNull();
    }

    @Test
    void getPutAndInvalidateEmitTheirOutcomes() {
        PerfMonReactiveCache<String> cache = redis.cache("reactive").build().reactive();
        String key = redis.key("k");

        assertThat(cache.get(key).blockOptional(WAIT)).isEmpty();
        assertThat(cache.put(key, "v", Duration.ofMinutes(1)).block(WAIT)).isTrue();
        assertThat(cache.get(key).block(WAIT)).isEqualTo("v");
        assertThat(cache.invalidate(key).block(WAIT)).isTrue();
        assertThat(cache.delete(key).block(WAIT)).isFalse();

        assertThat(redis.misses("reactive")).isEqualTo(1);
        assertThat(redis.hits("reactive")).isEqualTo(1);
    }

    @Test
    void aCacheBuiltFromLettucesReactiveCommandsServesMonosOverTheSameConnection() {
        PerfMonReactiveCache<String> cache = PerfMonCache.builder(redis.perfMon, redis.connection.reactive())
                .name("from-reactive").timeout(Duration.ofSeconds(2)).build().reactive();
        String key = redis.key("k");

        assertThat(cache.put(key, "v").block(WAIT)).isTrue();
        assertThat(redis.connection.reactive().get(key).map(b -> new String(b, StandardCharsets.UTF_8)).block(WAIT))
                .isEqualTo("v");
        assertThat(cache.get(key).block(WAIT)).isEqualTo("v");
        assertThat(redis.hits("from-reactive")).isEqualTo(1);
    }

    @Test
    void getOrLoadLoadsOnceAndRecordsIntoTheSubscribersScope() {
        PerfMonReactiveCache<String> cache = redis.cache("reactive-gol").build().reactive();
        String key = redis.key("k");
        AtomicInteger calls = new AtomicInteger();

        try (RequestScope scope = redis.perfMon.openScope("GET /reactive")) {
            String first = cache.getOrLoad(key, () -> Mono.fromCallable(() -> "v" + calls.incrementAndGet())).block(WAIT);
            RedisFixture.await("the write-back", () -> redis.raw(key) != null);
            String second = cache.getOrLoad(key, () -> Mono.just("other")).block(WAIT);

            assertThat(first).isEqualTo("v1");
            assertThat(second).isEqualTo("v1");
            assertThat(scope.counter(ScopeCounter.CACHE_MISSES)).isEqualTo(1);
            assertThat(scope.counter(ScopeCounter.CACHE_HITS)).isEqualTo(1);
        }
        assertThat(calls).hasValue(1);
        assertThat(redis.loads("reactive-gol", "success")).isEqualTo(1);
    }

    @Test
    void anEmptyLoaderIsAnEmptyResultAndNotCached() {
        PerfMonReactiveCache<String> cache = redis.cache("reactive-empty").build().reactive();
        String key = redis.key("k");

        assertThat(cache.getOrLoad(key, Mono::empty).blockOptional(WAIT)).isEmpty();

        assertThat(redis.raw(key)).isNull();
    }

    @Test
    void aLoaderErrorReachesTheSubscriberUnchanged() {
        PerfMonReactiveCache<String> cache = redis.cache("reactive-error").build().reactive();
        IllegalStateException boom = new IllegalStateException("database down");

        assertThatThrownBy(() -> cache.getOrLoad(redis.key("k"), () -> Mono.error(boom)).block(WAIT)).isSameAs(boom);
        assertThat(redis.loads("reactive-error", "failure")).isEqualTo(1);
    }

    @Test
    void cancellingTheLeadingSubscriberDoesNotCancelTheSharedLoad() {
        PerfMonReactiveCache<String> cache = redis.cache("reactive-cancel").build().reactive();
        String key = redis.key("k");
        Sinks.One<String> database = Sinks.one();
        AtomicInteger subscriptions = new AtomicInteger();
        AtomicInteger cancellations = new AtomicInteger();
        Mono<String> load = database.asMono()
                .doOnSubscribe(s -> subscriptions.incrementAndGet())
                .doOnCancel(cancellations::incrementAndGet);

        Disposable leader = cache.getOrLoad(key, () -> load).subscribe();
        RedisFixture.await("the load to start", () -> subscriptions.get() == 1);
        Mono<String> joiner = cache.getOrLoad(key, () -> Mono.just("second load"));
        leader.dispose();
        database.tryEmitValue("from database");

        assertThat(joiner.block(WAIT)).isEqualTo("from database");
        assertThat(cancellations).hasValue(0);
        assertThat(subscriptions).hasValue(1);
        RedisFixture.await("the write-back", () -> redis.raw(key) != null);
        assertThat(new String(redis.raw(key), StandardCharsets.UTF_8)).isEqualTo("from database");
    }
}
