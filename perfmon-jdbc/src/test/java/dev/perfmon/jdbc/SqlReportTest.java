package dev.perfmon.jdbc;

import dev.perfmon.core.report.Bottleneck;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.ReportFixture;
import dev.perfmon.jdbc.pool.PoolDiagnosis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** The SQL diagnosis: an N+1 claims the time its repeated statements cost, with the finding count. */
class SqlReportTest {

    /** Registered as the module's decorators register them. */
    private final ReportFixture f = new ReportFixture(SqlDiagnosis.INSTANCE, PoolDiagnosis.INSTANCE);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void nPlusOneRanksFirstWithStatementsPerRequestAndFindings() {
        f.healthyNeighbour();
        f.meters.requests(500, "GET", "/posts", 200, ms(200))
                .segment(500, "GET /posts", "db.query", ms(150))
                .segment(500, "GET /posts", "db.pool", ms(2))
                .statements(500, "GET /posts", 31)
                .pool("main", 8, 20, 0);
        for (int i = 0; i < 12; i++) {
            f.finding("nplusone", "GET /posts", "30 x select ... from comment where post_id=? at PostService.list");
        }
        f.clock.add(Duration.ofSeconds(10));

        PerfReport report = f.reporter.report();

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
    void anNPlusOneIsChargedTheOrmWorkOfItsRepeatedStatementsNotOnlyTheirSqlTime() {
        // As with Hibernate on H2: 40 statements per request, SQL only 8 % of the time, the rest
        // mapping rows and issuing the next query.
        f.meters.requests(500, "GET", "/posts/naive", 200, ms(200))
                .segment(500, "GET /posts/naive", "db.query", ms(16))
                .statements(500, "GET /posts/naive", 40)
                .requests(100, "GET", "/search", 200, ms(500))
                .segment(100, "GET /search", "db.query", ms(300))
                .statements(100, "GET /search", 2);
        for (int i = 0; i < 12; i++) {
            f.finding("nplusone", "GET /posts/naive", "19 x select ... from users where id=? at BoardService.listing");
        }
        f.clock.add(Duration.ofSeconds(10));

        List<Bottleneck> ranking = f.reporter.report().bottlenecks();

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
}
