package dev.perfmon.examples.demo;

import dev.perfmon.examples.demo.PrintedReport.Cache;
import dev.perfmon.examples.demo.PrintedReport.Row;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's command on the jar the build just packaged ({@code java -jar perfmon-demo.jar load},
 * shortened to the shortest run, 12 s, with 8 users): run by failsafe after {@code package}, so it
 * checks the shaded jar itself (manifest, merged service files, embedded redis-server binary), not
 * the test classpath.
 */
class DemoJarIT {

    private static final List<String> LOAD = List.of("load", "--duration", "12s", "--users", "8");
    private static final Duration LIMIT = Duration.ofSeconds(120);
    /** Every route the load client calls, whole (a long one stands on its own line above its numbers). */
    private static final List<String> ROUTES = List.of("GET /posts", "POST /posts", "GET /posts/{id}",
            "GET /posts/{id}/comments", "GET /posts/naive", "GET /posts/fixed", "GET /reports/slow");
    private static final Pattern EMBEDDED = Pattern.compile("Redis embedded \\(redis://127\\.0\\.0\\.1:(\\d+)\\)");

    @Test
    void theReadmeCommandRunsEveryPhaseAndPrintsAReportWhoseTotalsAddUp() throws Exception {
        boolean localRedis = listening(6379);

        DemoJarRun run = DemoJarRun.run("load", LIMIT, LOAD);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).contains("perfmon demo: listening on http://127.0.0.1:",
                localRedis ? "Redis local (redis://127.0.0.1:6379)" : "Redis embedded (redis://127.0.0.1:");
        PrintedReport report = new PrintedReport(run.stdout());
        assertThat(Stream.of("perfmon demo: 12 s load, 8 users", "== load client: what the users saw, per phase",
                "== what this run shows ==", "== perfmon report (server side, since the service started) ==",
                "-- Requests", "-- Objectives", "-- Where the time goes", "-- Caches", "-- Connection pools",
                "-- Findings", "-- Health", "-- Likely bottlenecks", "== when perfmon found what"))
                .as(run.describe()).allMatch(report::has);

        assertThat(report.phases()).as(run.describe()).extracting(Row::name)
                .containsExactly("warm-up", "steady", "overload", "recovery");
        assertThat(report.phases()).as(run.describe()).allMatch(phase -> phase.requests() > 0);

        List<Row> requests = report.requests();
        Row all = requests.get(0);
        List<Row> routes = requests.subList(1, requests.size());
        assertThat(all.name()).isEqualTo("all");
        assertThat(routes).as(run.describe()).extracting(Row::name).containsExactlyInAnyOrderElementsOf(ROUTES);
        assertThat(routes).as(run.describe()).allMatch(route -> route.requests() > 0);
        assertThat(all.requests()).as(run.describe()).isEqualTo(routes.stream().mapToLong(Row::requests).sum());
        assertThat(all.failures()).as(run.describe()).isEqualTo(routes.stream().mapToLong(Row::failures).sum());
        assertThat(report.breakdown().stream().mapToLong(Row::requests).sum()).as(run.describe())
                .isEqualTo(all.requests());
    }

    @Test
    void redisEmbeddedStartsItsOwnRedisServerCachesInItAndStopsItWithTheDemo() throws Exception {
        DemoJarRun run = DemoJarRun.run("load-redis-embedded", LIMIT,
                Stream.concat(LOAD.stream(), Stream.of("--redis", "embedded")).toList());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        Matcher embedded = EMBEDDED.matcher(run.stderr());
        assertThat(embedded.find()).as(run.describe()).isTrue();
        assertThat(run.stdout()).as(run.describe()).contains("service: h2, HikariCP pool 20, Redis embedded,");
        PrintedReport report = new PrintedReport(run.stdout());
        assertThat(report.requests().get(0).requests()).as(run.describe()).isPositive();

        List<Cache> caches = report.caches();
        assertThat(caches).as(run.describe()).extracting(Cache::name).containsExactlyInAnyOrder("posts", "post", "all");
        assertThat(caches).as(run.describe()).allMatch(cache -> cache.hits() > 0 && cache.misses() > 0);
        Cache all = caches.get(caches.size() - 1);
        List<Cache> named = caches.subList(0, caches.size() - 1);
        assertThat(all.name()).isEqualTo("all");
        assertThat(all.hits()).as(run.describe()).isEqualTo(named.stream().mapToLong(Cache::hits).sum());
        assertThat(all.misses()).as(run.describe()).isEqualTo(named.stream().mapToLong(Cache::misses).sum());

        int port = Integer.parseInt(embedded.group(1));
        assertThat(listening(port)).as("the embedded redis-server on port %d still listens after the demo exited",
                port).isFalse();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
