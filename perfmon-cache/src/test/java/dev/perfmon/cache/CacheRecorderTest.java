package dev.perfmon.cache;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.testsupport.FailingRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class CacheRecorderTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();

    @Test
    void registersTheWholeMetricContractOfACacheWhenBuilt() {
        CacheRecorder.of(perfMon, "posts");

        Set<String> ids = new TreeSet<>();
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith("cache.") || meter.getId().getName().startsWith("perfmon.cache.")) {
                assertThat(meter.getId().getTag("cache")).isEqualTo("posts");
                ids.add(meter.getId().getName() + meter.getId().getTags().stream()
                        .filter(tag -> !tag.getKey().equals("cache"))
                        .map(tag -> "," + tag.getKey() + "=" + tag.getValue()).reduce("", String::concat));
            }
        }
        assertThat(ids).contains(
                "cache.gets,result=hit", "cache.gets,result=miss", "cache.puts",
                "cache.loads,result=failure", "cache.loads,result=success",
                "perfmon.cache.coalesced", "perfmon.cache.stampede", "perfmon.cache.invalidations",
                "perfmon.cache.early.recomputes", "perfmon.cache.lock,result=acquired",
                "perfmon.cache.lock,result=timeout", "perfmon.cache.lock,result=waited",
                "perfmon.cache.errors,cause=timeout,operation=get", "perfmon.cache.errors,cause=budget,operation=lock");
        // 12 meters plus every operation x cause pair of perfmon.cache.errors
        assertThat(ids).hasSize(12 + CacheOperation.values().length * CacheErrorCause.values().length).hasSize(40);
    }

    @Test
    void countsEachRecordOnceInItsMeterAndHitsAndMissesInTheRequestScope() {
        CacheRecorder recorder = CacheRecorder.of(perfMon, "posts");
        try (RequestScope scope = perfMon.openScope("GET /posts/{id}")) {
            recorder.hit(scope);
            recorder.hit(scope);
            recorder.miss(scope);
            assertThat(scope.counter(ScopeCounter.CACHE_HITS)).isEqualTo(2);
            assertThat(scope.counter(ScopeCounter.CACHE_MISSES)).isEqualTo(1);
        }
        recorder.miss(null);
        recorder.put();
        recorder.invalidation();
        recorder.invalidation();
        recorder.coalesced();
        recorder.loaded(true, TimeUnit.MILLISECONDS.toNanos(5));
        recorder.loaded(false, TimeUnit.MILLISECONDS.toNanos(7));
        recorder.error(CacheOperation.PUT, CacheErrorCause.CODEC);

        assertThat(count("cache.gets", "result", "hit")).isEqualTo(2);
        assertThat(count("cache.gets", "result", "miss")).isEqualTo(2);
        assertThat(count("cache.puts")).isEqualTo(1);
        assertThat(count("perfmon.cache.invalidations")).isEqualTo(2);
        assertThat(count("perfmon.cache.coalesced")).isEqualTo(1);
        assertThat(registry.get("cache.loads").tags("cache", "posts", "result", "success").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5.0);
        assertThat(registry.get("cache.loads").tags("cache", "posts", "result", "failure").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
        assertThat(count("perfmon.cache.errors", "operation", "put", "cause", "codec")).isEqualTo(1);
        assertThat(registry.get("perfmon.cache.errors").tags("cache", "posts").counters())
                .extracting(counter -> counter.count()).containsOnly(0.0, 1.0)
                .filteredOn(value -> value == 1.0).hasSize(1);
    }

    @Test
    void duplicateLoadsAreCountedAndReportedAtMostOncePerInterval() {
        MockClock clock = new MockClock();
        PerfMon monitored = PerfMon.builder(registry).clock(clock)
                .config(PerfMonConfig.builder().logFindings(false).build()).build();
        List<CacheStampede> events = new CopyOnWriteArrayList<>();
        monitored.addListener(CacheStampede.class, events::add);
        CacheRecorder recorder = CacheRecorder.builder(monitored, "feed")
                .stampedeEventInterval(Duration.ofSeconds(10)).build();

        recorder.duplicateLoad(2, null);           // the first is published at once
        recorder.duplicateLoad(3, null);           // within the interval: accumulated
        clock.add(Duration.ofSeconds(4));
        recorder.duplicateLoad(2, null);
        assertThat(events).hasSize(1);
        clock.add(Duration.ofSeconds(7));
        recorder.duplicateLoad(2, null);           // 11 s later: everything since the first

        assertThat(registry.get("perfmon.cache.stampede").tags("cache", "feed").counter().count()).isEqualTo(4);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).duplicateLoads()).isEqualTo(1);
        assertThat(events.get(0).route()).isEqualTo("none");
        CacheStampede second = events.get(1);
        assertThat(second.duplicateLoads()).isEqualTo(3);
        assertThat(second.maxConcurrentLoads()).isEqualTo(3);
        assertThat(second.window()).isEqualTo(Duration.ofSeconds(11));
        assertThat(second.kind()).isEqualTo("cache.stampede");
        assertThat(second.summary()).startsWith("cache 'feed': 3 duplicate concurrent loads in 11.0 s (up to 3 loads");
    }

    @Test
    void aRegistryWhoseMetersThrowNeverReachesTheCallerAndIsCountedUnderTheComponent() {
        FailingRegistry failing = FailingRegistry.throwingOnRecord().sparing("perfmon.internal");
        PerfMon broken = PerfMon.builder(failing).config(PerfMonConfig.builder().logFindings(false).build()).build();
        CacheRecorder recorder = CacheRecorder.builder(broken, "posts").component("spring-cache").build();

        assertThatCode(() -> {
            recorder.hit(null);
            recorder.miss(null);
            recorder.put();
            recorder.loaded(true, 1);
            recorder.error(CacheOperation.GET, CacheErrorCause.TIMEOUT);
        }).doesNotThrowAnyException();

        assertThat(broken.failureCount("spring-cache")).isEqualTo(5);
        assertThat(failing.get("perfmon.internal.errors").tag("component", "spring-cache").counter().count())
                .isEqualTo(5);
    }

    @Test
    void aRegistryThatRefusesTheMetersDoesNotFailTheBuildAndCountsLostMeasurements() {
        FailingRegistry refusing = FailingRegistry.refusingRegistration().sparing("perfmon.internal");
        PerfMon broken = PerfMon.builder(refusing).config(PerfMonConfig.builder().logFindings(false).build()).build();

        CacheRecorder recorder = CacheRecorder.builder(broken, "posts").component("spring-cache").build();
        recorder.hit(null);
        recorder.hit(null);
        recorder.put();

        assertThat(refusing.refusedRegistrations("cache.")).isEqualTo(5);
        assertThat(broken.lostMeasurements("spring-cache")).isEqualTo(3);
    }

    private double count(String name, String... tags) {
        return registry.get(name).tag("cache", "posts").tags(tags).counter().count();
    }
}
