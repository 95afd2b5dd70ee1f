package dev.perfmon.jdbc.pool;

import dev.perfmon.core.report.Bottleneck;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.PoolHolder;
import dev.perfmon.core.report.PoolSummary;
import dev.perfmon.core.report.ReportFixture;
import dev.perfmon.jdbc.SqlDiagnosis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.perfmon.core.health.ContractMeters.ms;
import static dev.perfmon.core.report.TestPoolEvent.ended;
import static dev.perfmon.core.report.TestPoolEvent.held;
import static dev.perfmon.core.report.TestPoolEvent.opened;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool diagnosis: the pools' rows carry what their exhaustion events say as data (episodes,
 * the routes holding the connections) and HikariCP's meters, and pool waits rank as one
 * bottleneck naming the routes that held the connections.
 */
class PoolReportTest {

    /** Registered as the module's decorators register them. */
    private final ReportFixture f = new ReportFixture(SqlDiagnosis.INSTANCE, PoolDiagnosis.INSTANCE);

    @AfterEach
    void close() {
        f.close();
    }

    /** One full pool, one waiting route and one slow holder: the shape of both tests below. */
    private void poolFullWhileReportsHold() {
        f.meters.requests(400, "GET", "/posts", 200, ms(200))
                .segment(400, "/posts", "db.pool", ms(160))
                .requests(40, "GET", "/reports/slow", 200, ms(2000))
                .segment(40, "/reports/slow", "db.query", ms(1500))
                .pool("demo", 10, 10, 25);
    }

    @Test
    void poolExhaustionRanksPoolWaitFirstWithThePoolsNumbers() throws IOException {
        f.healthyNeighbour();
        f.meters.requests(1000, "GET", "/posts", 200, ms(100))
                .segment(1000, "GET /posts", "db.pool", ms(61))
                .segment(1000, "GET /posts", "db.query", ms(12))
                .statements(1000, "GET /posts", 2)
                .pool("main", 20, 20, 37);
        f.perfMon.publish(opened("main", 20, 20, 37, f.perfMon.now()).onRoute("GET /posts")
                .withSummary("pool 'main' exhausted (waiting): 20/20 busy, 37 waiting"));
        f.clock.add(Duration.ofSeconds(5));
        f.reporter.sample();
        f.meters.pool("main", 3, 20, 0);
        f.clock.add(Duration.ofSeconds(5));

        PerfReport report = f.reporter.report();

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
    void poolWaitSpreadOverManyRoutesIsOneCandidateNamingTheRoutesHoldingTheConnections() {
        // Report callers queue on a row lock, each holding a connection: the pool is full and
        // every other route waits. No single route's wait is large; together they dominate.
        f.meters.requests(250, "GET", "/posts/{id}/comments", 200, ms(200))
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
        f.perfMon.publish(opened("demo", 20, 20, 41, f.perfMon.now(),
                held("GET /reports/slow", 1.3), held("GET /reports/slow", 1.2)));
        f.perfMon.publish(ended("demo", 49, f.perfMon.now(),
                held("GET /reports/slow", 22.7), held("GET /posts", 0.152)));
        f.clock.add(Duration.ofSeconds(10));

        List<Bottleneck> ranking = f.reporter.report().bottlenecks();

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
    void theHoldingRouteComesFromTheEventsFactsEvenWhenItsSummarySaysOtherwise() {
        poolFullWhileReportsHold();
        // The summary text names a route that held nothing: the ranking must not read it.
        f.perfMon.publish(opened("demo", 10, 10, 25, f.perfMon.now(), held("/reports/slow", 1.8))
                .onRoute("/posts")
                .withSummary("pool 'demo' exhausted (saturation): 10/10 active, 0 idle, 25 waiting; held by /decoy"
                        + " (99 s, thread t-1); waiting: /decoy (9 waits, longest 9 s)"));
        f.clock.add(Duration.ofSeconds(10));

        PerfReport report = f.reporter.report();

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
        f.finding("pool.exhausted", "/posts", "pool 'demo' exhausted (saturation): 10/10 active, 0 idle, 25 waiting;"
                + " held by /decoy (99 s, thread t-1)");
        f.clock.add(Duration.ofSeconds(10));

        PerfReport report = f.reporter.report();

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
    @Test
    void aPoolSummaryCountsItsEpisodesAndNamesTheRoutesThatHeldTheConnections() {
        f.meters.pool("main", 10, 10, 12);
        f.perfMon.publish(opened("main", 10, 10, 12, f.perfMon.now(),
                held("GET /report", 1.5), held("GET /report", 1.4), held("GET /export", 0.6), held("GET /posts", 0.2)));
        f.perfMon.publish(ended("main", 15, f.perfMon.now(), held("GET /report", 3.0), held("GET /export", 2.4),
                held("GET /posts", 1.0), held("none", 60)));
        f.clock.add(Duration.ofSeconds(10));

        PoolSummary pool = f.reporter.report().pools().get(0);

        assertThat(pool.pool()).isEqualTo("main");
        assertThat(pool.episodes()).as("only the opening event opens an episode").isEqualTo(1);
        // 5.9 s for GET /report; GET /export's 3.0 s is at least half of it, GET /posts' 1.2 s is not;
        // holds outside any request scope name no route.
        assertThat(pool.mainHolders()).containsExactly(new PoolHolder("GET /report", 5.9),
                new PoolHolder("GET /export", 3.0));
        assertThat(pool.peakActive()).as("the f.meters' own peaks stay as sampled").isEqualTo(10);
        assertThat(pool.peakPending()).isEqualTo(12);
    }

    @Test
    void aWindowKeepsOnlyTheEpisodesThatHappenedInIt() {
        f.perfMon.publish(opened("main", 10, 10, 4, f.perfMon.now(), held("GET /early", 2.0)));
        f.clock.add(Duration.ofMinutes(2));
        f.reporter.sample();
        f.perfMon.publish(opened("main", 10, 10, 4, f.perfMon.now(), held("GET /late", 1.0)));
        f.perfMon.publish(ended("main", 6, f.perfMon.now(), held("GET /late", 1.5)));
        f.clock.add(Duration.ofSeconds(30));

        PerfReport recentReport = f.reporter.report(Duration.ofSeconds(30));
        PoolSummary recent = recentReport.pools().get(0);
        PoolSummary all = f.reporter.report().pools().get(0);

        assertThat(recentReport.findings()).filteredOn(f -> f.kind().equals("pool.exhausted")).singleElement()
                .satisfies(f -> assertThat(f.count()).as("the findings keep the same window").isEqualTo(1));
        assertThat(recent.episodes()).isEqualTo(1);
        assertThat(recent.mainHolders()).containsExactly(new PoolHolder("GET /late", 2.5));
        assertThat(all.episodes()).isEqualTo(2);
        assertThat(all.mainHolders()).containsExactly(new PoolHolder("GET /late", 2.5), new PoolHolder("GET /early", 2.0));
    }

    @Test
    void aPoolKnownOnlyFromItsEventsIsListedWithoutMeterValues() {
        f.perfMon.publish(opened("batch", 4, 4, 9, f.perfMon.now(), held("job:import", 12)));
        f.clock.add(Duration.ofSeconds(10));

        PerfReport report = f.reporter.report();

        assertThat(report.pools()).singleElement().satisfies(pool -> {
            assertThat(pool.pool()).isEqualTo("batch");
            assertThat(pool.maxConnections()).isNaN();
            assertThat(pool.peakActive()).isNaN();
            assertThat(pool.episodes()).isEqualTo(1);
            assertThat(pool.mainHolders()).containsExactly(new PoolHolder("job:import", 12));
        });
        assertThat(report.toText()).contains("batch", "1 exhaustion episode, held by job:import");
    }
    @Test
    void poolPeaksAndTimeoutsComeFromHikarisSampledGaugesAndCounters() {
        f.meters.pool("main", 20, 20, 37).poolTimeouts("main", 3);
        f.clock.add(Duration.ofSeconds(5));
        f.reporter.sample();
        f.meters.pool("main", 2, 20, 0);
        f.clock.add(Duration.ofSeconds(5));

        PoolSummary pool = f.reporter.report().pools().get(0);

        assertThat(pool.peakActive()).isEqualTo(20);
        assertThat(pool.peakPending()).isEqualTo(37);
        assertThat(pool.maxConnections()).isEqualTo(20);
        assertThat(pool.timeouts()).isEqualTo(3);
    }

    @Test
    void theTextReportShowsThePoolRowAndThePoolWaitBottleneckWithinOneHundredColumns() {
        f.meters.requests(1000, "GET", "/posts", 200, ms(100))
                .segment(1000, "GET /posts", "db.pool", ms(13))
                .pool("main", 20, 20, 37).poolTimeouts("main", 4);
        f.perfMon.publish(opened("main", 20, 20, 37, f.perfMon.now(), held("GET /posts", 2.5)).onRoute("GET /posts"));
        f.clock.add(Duration.ofSeconds(10));

        String text = f.reporter.report().toText();

        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(text).contains("-- Connection pools",
                "main                   20/20 busy at peak, 37 waiting at peak, 4 timeouts, acquire avg n/a\n"
                        + "                       1 exhaustion episode, held by GET /posts\n",
                "[pool.wait] pool main: 20/20 busy, 37 waiting; connections held by GET /posts; 13 % of request",
                "[pool.timeouts] pool main: 4 connection timeouts");
    }
}
