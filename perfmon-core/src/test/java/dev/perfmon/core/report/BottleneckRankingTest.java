package dev.perfmon.core.report;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.health.ContractMeters;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** The top-ranked bottleneck is the one each synthetic scenario creates, with its numbers. */
class BottleneckRankingTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final ContractMeters meters = new ContractMeters(registry);
    private final PerfReporter reporter = PerfReporter.builder(perfMon).build();

    @AfterEach
    void close() {
        perfMon.close();
    }

    private void finding(String kind, String route, String summary) {
        perfMon.publish(new TestFinding(kind, route, Severity.WARNING, perfMon.now(), summary));
    }

    /** A background route that is fine, so rankings have something to beat. */
    private void healthyNeighbour() {
        meters.requests(200, "GET", "/users/{id}", 200, ms(20))
                .segment(200, "GET /users/{id}", "db.query", ms(8))
                .statements(200, "GET /users/{id}", 1)
                .cacheGets("users", 950, 50);
    }

    @Test
    void poolExhaustionRanksPoolWaitFirstWithThePoolsNumbers() throws IOException {
        healthyNeighbour();
        meters.requests(1000, "GET", "/posts", 200, ms(100))
                .segment(1000, "GET /posts", "db.pool", ms(61))
                .segment(1000, "GET /posts", "db.query", ms(12))
                .statements(1000, "GET /posts", 2)
                .pool("main", 20, 20, 37);
        perfMon.publish(TestPoolEvent.opened("main", 20, 20, 37, perfMon.now()).onRoute("GET /posts")
                .withSummary("pool 'main' exhausted (waiting): 20/20 busy, 37 waiting"));
        clock.add(Duration.ofSeconds(5));
        reporter.sample();
        meters.pool("main", 3, 20, 0);
        clock.add(Duration.ofSeconds(5));

        PerfReport report = reporter.report();

        Bottleneck top = report.bottlenecks().get(0);
        assertThat(top.kind()).isEqualTo("pool.wait");
        // The event names no holder, and GET /posts carries all the wait.
        assertThat(top.route()).isEqualTo("GET /posts");
        assertThat(top.reason()).isEqualTo("pool main: 20/20 busy, 37 waiting; 59 % of request time waiting for a"
                + " pooled connection; all of it in GET /posts; 1 exhaustion episode");
        assertThat(top.action()).contains("maximumPoolSize");
        // 61 s of pool wait over 100 s + 4 s of request time
        assertThat(top.score()).isEqualTo(Math.round(61 / 104.0 * 1000) / 1000.0);
        assertThat(report.bottlenecks()).extracting(Bottleneck::kind).doesNotContain("cache.miss", "nplusone");
        Path samples = Path.of("target", "report-samples");
        Files.createDirectories(samples);
        Files.writeString(samples.resolve("pool-exhaustion.txt"), report.toText());
        Files.writeString(samples.resolve("pool-exhaustion.json"), report.toJson());
    }

    @Test
    void nPlusOneRanksFirstWithStatementsPerRequestAndFindings() {
        healthyNeighbour();
        meters.requests(500, "GET", "/posts", 200, ms(200))
                .segment(500, "GET /posts", "db.query", ms(150))
                .segment(500, "GET /posts", "db.pool", ms(2))
                .statements(500, "GET /posts", 31)
                .pool("main", 8, 20, 0);
        for (int i = 0; i < 12; i++) {
            finding("nplusone", "GET /posts", "30 x select ... from comment where post_id=? at PostService.list");
        }
        clock.add(Duration.ofSeconds(10));

        PerfReport report = reporter.report();

        Bottleneck top = report.bottlenecks().get(0);
        assertThat(top.kind()).isEqualTo("nplusone");
        assertThat(top.route()).isEqualTo("GET /posts");
        assertThat(top.reason()).isEqualTo("GET /posts: 31.0 SQL statements per request, 12 N+1 findings;"
                + " SQL 75 % + other 24 % of time, 93 % from the statements beyond 2");
        // SQL and other time (75 s + 24 s) times the 29 of 31 statements beyond the baseline, over 104 s.
        assertThat(top.score()).isEqualTo(Math.round(99 * 29 / 31.0 / 104 * 1000) / 1000.0);
        assertThat(top.action()).contains("join fetch");
        assertThat(report.findings().get(0).count()).isEqualTo(12);
    }

    @Test
    void aCacheUnderItsHitRatioFloorRanksFirstWhenMissesDriveTheStoreTime() {
        healthyNeighbour();
        meters.requests(500, "GET", "/posts", 200, ms(80))
                .segment(500, "GET /posts", "db.query", ms(50))
                .segment(500, "GET /posts", "redis", ms(5))
                .statements(500, "GET /posts", 1)
                .cacheGets("posts", 100, 900);
        finding("cache.stampede", "none", "12 concurrent loads of one key of cache posts");
        clock.add(Duration.ofSeconds(10));

        PerfReport report = reporter.report();

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
    void anNPlusOneIsChargedTheOrmWorkOfItsRepeatedStatementsNotOnlyTheirSqlTime() {
        // As with Hibernate on H2: 40 statements per request, SQL only 8 % of the time, the rest
        // mapping rows and issuing the next query.
        meters.requests(500, "GET", "/posts/naive", 200, ms(200))
                .segment(500, "GET /posts/naive", "db.query", ms(16))
                .statements(500, "GET /posts/naive", 40)
                .requests(100, "GET", "/search", 200, ms(500))
                .segment(100, "GET /search", "db.query", ms(300))
                .statements(100, "GET /search", 2);
        for (int i = 0; i < 12; i++) {
            finding("nplusone", "GET /posts/naive", "19 x select ... from users where id=? at BoardService.listing");
        }
        clock.add(Duration.ofSeconds(10));

        List<Bottleneck> ranking = reporter.report().bottlenecks();

        assertThat(ranking).extracting(Bottleneck::kind).containsExactly("nplusone", "sql");
        Bottleneck top = ranking.get(0);
        assertThat(top.route()).isEqualTo("GET /posts/naive");
        assertThat(top.reason()).isEqualTo("GET /posts/naive: 40.0 SQL statements per request, 12 N+1 findings;"
                + " SQL 8 % + other 92 % of time, 95 % from the statements beyond 2");
        // 8 s SQL + 92 s other, 38 of 40 statements beyond the baseline, over 150 s of requests;
        // the slow search's SQL is 30 s, at the generic 0.8.
        assertThat(top.score()).isEqualTo(Math.round(100 * 38 / 40.0 / 150 * 1000) / 1000.0);
        assertThat(ranking.get(1).score()).isEqualTo(0.16);
    }

    @Test
    void aCacheIsChargedTheTimeOfItsLoadsAfterMissesNotTheSqlOfRoutesThatNeverUseIt() {
        meters.requests(1000, "GET", "/posts/{id}", 200, ms(40))
                .segment(1000, "GET /posts/{id}", "redis", ms(2))
                .segment(1000, "GET /posts/{id}", "db.query", ms(10))
                .statements(1000, "GET /posts/{id}", 1)
                .cacheGets("post", 400, 600)
                .cacheLoads("post", 600, ms(25))
                // A report waiting on a row lock inside its SELECT ... FOR UPDATE: no cache here.
                .requests(60, "GET", "/reports/slow", 200, ms(3000))
                .segment(60, "GET /reports/slow", "db.query", ms(2800))
                .statements(60, "GET /reports/slow", 3);
        clock.add(Duration.ofSeconds(10));

        List<Bottleneck> ranking = reporter.report().bottlenecks();

        assertThat(ranking).extracting(Bottleneck::kind).containsExactly("sql", "cache.miss");
        assertThat(ranking.get(0).route()).isEqualTo("GET /reports/slow");
        Bottleneck cache = ranking.get(1);
        assertThat(cache.reason()).isEqualTo("cache post: hit ratio 40 % (600 misses of 1000 gets, floor 80 %);"
                + " loads after misses 6.8 % of request time");
        // 600 loads of 25 ms over 40 s + 180 s of requests, claimed at 0.9
        assertThat(cache.score()).isEqualTo(Math.round(0.9 * 15 / 220 * 1000) / 1000.0);
    }

    @Test
    void withoutLoadTimesACacheClaimsOnlyTheSqlOfTheRoutesThatUsedRedis() {
        meters.requests(1000, "GET", "/posts/{id}", 200, ms(50))
                .segment(1000, "GET /posts/{id}", "redis", ms(2))
                .segment(1000, "GET /posts/{id}", "db.query", ms(20))
                .statements(1000, "GET /posts/{id}", 1)
                .cacheGets("post", 400, 600)
                .requests(60, "GET", "/reports/slow", 200, ms(3000))
                .segment(60, "GET /reports/slow", "db.query", ms(2800))
                .statements(60, "GET /reports/slow", 3);
        clock.add(Duration.ofSeconds(10));

        List<Bottleneck> ranking = reporter.report().bottlenecks();

        assertThat(ranking).extracting(Bottleneck::kind).containsExactly("sql", "cache.miss");
        assertThat(ranking.get(1).reason()).endsWith("; SQL of the routes using Redis (GET /posts/{id}) 8.7 % of"
                + " request time");
        // 20 s of SQL on the cached route over 50 s + 180 s; the report's 168 s of SQL is not the cache's
        assertThat(ranking.get(1).score()).isEqualTo(Math.round(0.9 * 20 / 230 * 1000) / 1000.0);
    }

    @Test
    void poolWaitSpreadOverManyRoutesIsOneCandidateNamingTheRoutesHoldingTheConnections() {
        // Report callers queue on a row lock, each holding a connection: the pool is full and
        // every other route waits. No single route's wait is large; together they dominate.
        meters.requests(250, "GET", "/posts/{id}/comments", 200, ms(200))
                .segment(250, "GET /posts/{id}/comments", "db.pool", ms(180))
                .requests(250, "GET", "/posts", 200, ms(200))
                .segment(250, "GET /posts", "db.pool", ms(150))
                .segment(250, "GET /posts", "redis", ms(10))
                .cacheGets("posts", 500, 500)
                .cacheLoads("posts", 500, ms(20))
                .requests(250, "GET", "/posts/fixed", 200, ms(200))
                .segment(250, "GET /posts/fixed", "db.pool", ms(120))
                .requests(250, "GET", "/posts/{id}", 200, ms(200))
                .segment(250, "GET /posts/{id}", "db.pool", ms(100))
                .requests(30, "GET", "/reports/slow", 200, ms(3000))
                .segment(30, "GET /reports/slow", "db.query", ms(2500))
                .statements(30, "GET /reports/slow", 3)
                .pool("demo", 20, 20, 41);
        // The facts perfmon-jdbc's PoolExhausted and PoolExhaustionEnded carry for such an episode.
        perfMon.publish(TestPoolEvent.opened("demo", 20, 20, 41, perfMon.now(),
                TestPoolEvent.held("GET /reports/slow", 1.3), TestPoolEvent.held("GET /reports/slow", 1.2)));
        perfMon.publish(TestPoolEvent.ended("demo", 49, perfMon.now(),
                TestPoolEvent.held("GET /reports/slow", 22.7), TestPoolEvent.held("GET /posts", 0.152)));
        clock.add(Duration.ofSeconds(10));

        List<Bottleneck> ranking = reporter.report().bottlenecks();

        assertThat(ranking).extracting(Bottleneck::kind).containsExactly("pool.wait", "sql");
        Bottleneck top = ranking.get(0);
        assertThat(top.route()).isEqualTo("GET /reports/slow");
        assertThat(top.reason()).isEqualTo("pool demo: 20/20 busy, 49 waiting; connections held by GET /reports/slow;"
                + " 47 % of request time waiting for a pooled connection; of that wait GET /posts/{id}/comments"
                + " 33 %, GET /posts 27 %, GET /posts/fixed 22 %, +1 more route; 1 exhaustion episode");
        assertThat(top.action()).startsWith("shorten connection holds in GET /reports/slow").contains("maximumPoolSize");
        // 45 + 37.5 + 30 + 25 s of waiting over 4 x 50 s + 90 s of requests
        assertThat(top.score()).isEqualTo(Math.round(137.5 / 290 * 1000) / 1000.0);
    }

    @Test
    void aQuietServiceHasNoBottlenecks() {
        healthyNeighbour();
        clock.add(Duration.ofSeconds(10));

        assertThat(reporter.report().bottlenecks()).isEmpty();
    }

    @Test
    void sustainedCpuAndErrorsAreRankedWhenNothingElseExplainsTheTime() {
        meters.requests(90, "GET", "/compute", 200, ms(600)).requests(10, "GET", "/compute", 500, ms(600)).cpu(0.95);
        clock.add(Duration.ofSeconds(10));

        PerfReport report = reporter.report();

        assertThat(report.bottlenecks()).extracting(Bottleneck::kind).containsExactly("cpu", "latency", "errors");
        assertThat(report.bottlenecks().get(0).reason()).isEqualTo("process CPU 95 % on average, 95 % at peak");
        assertThat(report.bottlenecks().get(1).reason())
                .isEqualTo("GET /compute: p99 600 ms > SLO 400 ms; 100 % of time outside pool, SQL and Redis");
    }

    /** One full pool, one waiting route and one slow holder: the shape of both tests below. */
    private void poolFullWhileReportsHold() {
        meters.requests(400, "GET", "/posts", 200, ms(200))
                .segment(400, "/posts", "db.pool", ms(160))
                .requests(40, "GET", "/reports/slow", 200, ms(2000))
                .segment(40, "/reports/slow", "db.query", ms(1500))
                .pool("demo", 10, 10, 25);
    }

    @Test
    void theHoldingRouteComesFromTheEventsFactsEvenWhenItsSummarySaysOtherwise() {
        poolFullWhileReportsHold();
        // The summary text names a route that held nothing: the ranking must not read it.
        perfMon.publish(TestPoolEvent.opened("demo", 10, 10, 25, perfMon.now(), TestPoolEvent.held("/reports/slow", 1.8))
                .onRoute("/posts")
                .withSummary("pool 'demo' exhausted (saturation): 10/10 active, 0 idle, 25 waiting; held by /decoy"
                        + " (99 s, thread t-1); waiting: /decoy (9 waits, longest 9 s)"));
        clock.add(Duration.ofSeconds(10));

        PerfReport report = reporter.report();

        Bottleneck top = report.bottlenecks().get(0);
        assertThat(top.kind()).isEqualTo("pool.wait");
        assertThat(top.route()).isEqualTo("/reports/slow");
        assertThat(top.reason()).startsWith("pool demo: 10/10 busy, 25 waiting; connections held by /reports/slow;")
                .doesNotContain("/decoy");
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.summary()).contains("held by /decoy"));
        assertThat(report.pools()).singleElement().satisfies(pool -> {
            assertThat(pool.episodes()).isEqualTo(1);
            assertThat(pool.mainHolders()).containsExactly(new PoolHolder("/reports/slow", 1.8));
        });
    }

    @Test
    void anExhaustionFindingWithoutFactsCountsAsAnEpisodeButNamesNoHolderWhateverItsText() {
        poolFullWhileReportsHold();
        // Another module's event of the same kind, not implementing PoolSaturation.
        finding("pool.exhausted", "/posts", "pool 'demo' exhausted (saturation): 10/10 active, 0 idle, 25 waiting;"
                + " held by /decoy (99 s, thread t-1)");
        clock.add(Duration.ofSeconds(10));

        PerfReport report = reporter.report();

        Bottleneck top = report.bottlenecks().get(0);
        assertThat(top.kind()).isEqualTo("pool.wait");
        // No holder known: the route that carries the wait is named instead.
        assertThat(top.route()).isEqualTo("/posts");
        // 64 s of pool wait over 80 s + 80 s of request time
        assertThat(top.reason()).isEqualTo("pool demo: 10/10 busy, 25 waiting; 40 % of request time waiting for a"
                + " pooled connection; all of it in /posts; 1 exhaustion episode");
        assertThat(top.action()).startsWith("find the routes holding connections");
        assertThat(report.pools()).singleElement().satisfies(pool -> {
            assertThat(pool.episodes()).as("the episode belongs to no known pool").isZero();
            assertThat(pool.mainHolders()).isEmpty();
        });
        assertThat(report.findings()).extracting(Finding::kind).contains("pool.exhausted");
    }
}
