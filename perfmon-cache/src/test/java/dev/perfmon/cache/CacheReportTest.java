package dev.perfmon.cache;

import dev.perfmon.core.report.Bottleneck;
import dev.perfmon.core.report.CacheSummary;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.ReportFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** The cache diagnosis: a cache under its hit-ratio floor is charged the time its misses caused. */
class CacheReportTest {

    /** Registered as the module's decorators register them. */
    private final ReportFixture f = new ReportFixture(CacheDiagnosis.INSTANCE);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aCacheUnderItsHitRatioFloorRanksFirstWhenMissesDriveTheStoreTime() {
        f.healthyNeighbour();
        f.meters.requests(500, "GET", "/posts", 200, ms(80))
                .segment(500, "GET /posts", "db.query", ms(50))
                .segment(500, "GET /posts", "redis", ms(5))
                .statements(500, "GET /posts", 1)
                .cacheGets("posts", 100, 900);
        f.finding("cache.stampede", "none", "12 concurrent loads of one key of cache posts");
        f.clock.add(Duration.ofSeconds(10));

        PerfReport report = f.reporter.report();

        Bottleneck top = report.bottlenecks().get(0);
        assertThat(top.kind()).isEqualTo("cache.miss");
        // No load timer: the SQL of the routes that used Redis is the most its misses can have caused.
        assertThat(top.reason()).isEqualTo("cache posts: hit ratio 10 % (900 misses of 1000 gets, floor 80 %);"
                + " SQL of the routes using Redis (GET /posts) 57 % of request time; 1 stampede");
        assertThat(top.score()).isEqualTo(Math.round(0.9 * 25 / 44 * 1000) / 1000.0);
        assertThat(top.action()).contains("single-flight").contains("TTL");
        // The route itself is fast (p99 under the warning): its SQL share is no diagnosis of its own.
        assertThat(report.bottlenecks()).hasSize(1);
    }

    @Test
    void aCacheIsChargedTheTimeOfItsLoadsAfterMissesNotTheSqlOfRoutesThatNeverUseIt() {
        f.meters.requests(1000, "GET", "/posts/{id}", 200, ms(40))
                .segment(1000, "GET /posts/{id}", "redis", ms(2))
                .segment(1000, "GET /posts/{id}", "db.query", ms(10))
                .statements(1000, "GET /posts/{id}", 1)
                .cacheGets("post", 400, 600)
                .cacheLoads("post", 600, ms(25))
                // A report waiting on a row lock inside its SELECT ... FOR UPDATE: no cache here.
                .requests(60, "GET", "/reports/slow", 200, ms(3000))
                .segment(60, "GET /reports/slow", "db.query", ms(2800))
                .statements(60, "GET /reports/slow", 3);
        f.clock.add(Duration.ofSeconds(10));

        List<Bottleneck> ranking = f.reporter.report().bottlenecks();

        // Without perfmon-jdbc the slow report's SQL is core's generic candidate, named after its segment.
        assertThat(ranking).extracting(Bottleneck::kind).containsExactly("db.query", "cache.miss");
        assertThat(ranking.get(0).route()).isEqualTo("GET /reports/slow");
        Bottleneck cache = ranking.get(1);
        assertThat(cache.reason()).isEqualTo("cache post: hit ratio 40 % (600 misses of 1000 gets, floor 80 %);"
                + " loads after misses 6.8 % of request time");
        // 600 loads of 25 ms over 40 s + 180 s of requests, claimed at 0.9
        assertThat(cache.score()).isEqualTo(Math.round(0.9 * 15 / 220 * 1000) / 1000.0);
    }

    @Test
    void withoutLoadTimesACacheClaimsOnlyTheSqlOfTheRoutesThatUsedRedis() {
        f.meters.requests(1000, "GET", "/posts/{id}", 200, ms(50))
                .segment(1000, "GET /posts/{id}", "redis", ms(2))
                .segment(1000, "GET /posts/{id}", "db.query", ms(20))
                .statements(1000, "GET /posts/{id}", 1)
                .cacheGets("post", 400, 600)
                .requests(60, "GET", "/reports/slow", 200, ms(3000))
                .segment(60, "GET /reports/slow", "db.query", ms(2800))
                .statements(60, "GET /reports/slow", 3);
        f.clock.add(Duration.ofSeconds(10));

        List<Bottleneck> ranking = f.reporter.report().bottlenecks();

        // Without perfmon-jdbc the slow report's SQL is core's generic candidate, named after its segment.
        assertThat(ranking).extracting(Bottleneck::kind).containsExactly("db.query", "cache.miss");
        assertThat(ranking.get(1).reason()).endsWith("; SQL of the routes using Redis (GET /posts/{id}) 8.7 % of"
                + " request time");
        // 20 s of SQL on the cached route over 50 s + 180 s; the report's 168 s of SQL is not the cache's
        assertThat(ranking.get(1).score()).isEqualTo(Math.round(0.9 * 20 / 230 * 1000) / 1000.0);
    }

    @Test
    void hitRatiosComeFromTheRawCounters() {
        f.meters.cacheGets("posts", 30, 70).cacheGets("users", 90, 10);
        f.clock.add(Duration.ofSeconds(10));

        PerfReport report = f.reporter.report();

        assertThat(report.caches()).extracting(CacheSummary::cache).containsExactly("posts", "users");
        assertThat(report.caches().get(0).hitRatio()).isEqualTo(0.3);
        assertThat(report.cacheTotals().hits()).isEqualTo(120);
        assertThat(report.cacheTotals().misses()).isEqualTo(80);
    }
}
