package dev.perfmon.spring.boot.matrix;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.jdbc.NPlusOneDetected;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.spring.boot.autoconfigure.PerfMonJvmBinders;
import dev.perfmon.spring.boot.autoconfigure.PerfMonServletAutoConfiguration;
import dev.perfmon.testsupport.Await;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.samples.blog.BlogApplication;
import org.springframework.samples.blog.BlogData;
import org.springframework.samples.blog.PostRepository;
import org.springframework.samples.blog.PostTitles;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import io.micrometer.core.instrument.Counter;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Boot application (embedded Tomcat over real HTTP, JPA on H2 through HikariCP, actuator
 * with Prometheus, tracing) whose only perfmon wiring is the starter on the class path. Each Boot
 * line runs these scenarios from a subclass that turns on metrics export and tracing the way that
 * line's test support does (Boot's tests switch both off by default).
 */
@SpringBootTest(classes = BlogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BlogScenarios {

    public static final List<String> HIKARI_METERS = List.of("hikaricp.connections", "hikaricp.connections.acquire",
            "hikaricp.connections.active", "hikaricp.connections.creation", "hikaricp.connections.idle",
            "hikaricp.connections.max", "hikaricp.connections.min", "hikaricp.connections.pending",
            "hikaricp.connections.timeout", "hikaricp.connections.usage");

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Autowired
    PerfMon perfMon;

    @Autowired
    SimpleTracer tracer;

    @Autowired
    DataSource dataSource;

    @Autowired
    PostRepository posts;

    @Autowired
    PerfMonJvmBinders jvmBinders;

    @Autowired
    StringRedisTemplate redis;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        BlogRedis.properties(registry);
    }

    private final List<NPlusOneDetected> nPlusOnes = new CopyOnWriteArrayList<>();
    private Http http;
    private long firstPost;

    @BeforeAll
    void start() {
        http = new Http(port);
        perfMon.addListener(NPlusOneDetected.class, nPlusOnes::add);
        firstPost = posts.findAll().get(0).getId();
    }

    @Test
    void runsOnTheBootLineOfItsModule() {
        assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("matrix.spring-boot.version"));
    }

    @Test
    void actuatorBindsTheJvmMetricsSoPerfmonBindsNone() {
        assertThat(jvmBinders.bound()).isEmpty();
        assertThat(registry.find("jvm.memory.used").gauges()).isNotEmpty();
        assertThat(registry.find("process.cpu.usage").gauge()).isNotNull();
    }

    @Test
    void eachRequestIsCountedExactlyOnceUnderItsRouteTemplate() throws InterruptedException {
        long before = settledCount("/posts/{id}", "200");
        for (int i = 0; i < 7; i++) {
            assertThat(http.get("/posts/" + (firstPost + i % 3)).statusCode()).isEqualTo(200);
        }
        Await.until("7 more requests of /posts/{id}", () -> count("/posts/{id}", "200") >= before + 7);
        Thread.sleep(300); // a second writer would record after the first
        assertThat(count("/posts/{id}", "200")).isEqualTo(before + 7);
        assertThat(registry.find("http.server.requests").tag("uri", "/posts/{id}").timers())
                .allSatisfy(timer -> assertThat(timer.getId().getTags()).extracting("key")
                        .containsExactlyInAnyOrder("method", "uri", "status", "outcome", "exception", "error"));
        assertThat(registry.getMeters()).noneMatch(meter -> meter.getId().getName()
                .startsWith(PerfMonServletAutoConfiguration.OBSERVATION_NAME));

        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/posts/{id}\"} " + (before + 7));
        assertThat(scrape).doesNotContain("perfmon_observed");
    }

    @Test
    void aTracedRequestKeepsItsServerSpanAndTraceId() {
        HttpResponse<String> response = http.get("/trace");
        assertThat(response.statusCode()).isEqualTo(200);
        String traceIdInHandler = response.body();

        // The span is listed when it starts; its tags come when the observation stops, after the response.
        SimpleSpan span = Await.value("the ended server span of GET /trace", () -> tracer.getSpans().stream()
                .filter(s -> "http get /trace".equals(s.getName()) && s.getTags().containsKey("status"))
                .findFirst().orElse(null));
        assertThat(span.getTraceId()).isNotBlank().isEqualTo(traceIdInHandler);
        assertThat(span.getSpanId()).isNotBlank();
        assertThat(span.getTags()).containsEntry("uri", "/trace").containsEntry("status", "200");
        Await.until("perfmon's timer of /trace", () -> count("/trace", "200") == 1);
    }

    @Test
    void rejectedRequestsOnMappedPathsKeepTheirRoute() {
        assertThat(http.send("DELETE", "/posts/" + firstPost, "application/json", "").statusCode()).isEqualTo(405);
        assertThat(http.send("POST", "/posts", "text/plain", "title").statusCode()).isEqualTo(415);
        assertThat(http.get("/admin/posts/" + firstPost).statusCode()).isEqualTo(401);
        assertThat(http.get("/admin/posts/" + firstPost, "X-Token", "guest").statusCode()).isEqualTo(403);
        assertThat(http.get("/no/such/page").statusCode()).isEqualTo(404);

        awaitSeries("DELETE /posts/{id} 405", "POST /posts 415", "GET /admin/posts/{id} 401",
                "GET /admin/posts/{id} 403", "GET /** 404");
        assertThat(count("DELETE", "/posts/{id}", "405")).isEqualTo(1);
        assertThat(count("POST", "/posts", "415")).isEqualTo(1);
        assertThat(count("GET", "/admin/posts/{id}", "401")).isEqualTo(1);
        assertThat(count("GET", "/admin/posts/{id}", "403")).isEqualTo(1);
        // The unknown path is named by Spring MVC's static-resource pattern, as Boot's own meter names it.
        assertThat(series()).noneMatch(s -> s.contains("/no/"));
    }

    @Test
    void anNPlusOneIsFoundWithItsAssociationAndTheApplicationsCallSite() {
        assertThat(http.get("/posts/naive").statusCode()).isEqualTo(200);
        assertThat(http.get("/posts/fixed").statusCode()).isEqualTo(200);

        NPlusOneDetected finding = Await.value("the N+1 of /posts/naive", () -> nPlusOnes.stream()
                .filter(f -> f.route().equals("GET /posts/naive")).findFirst().orElse(null));
        assertThat(finding.association()).isEqualTo("Post.comments");
        assertThat(finding.count()).isEqualTo(BlogData.POSTS);
        assertThat(finding.callSite()).startsWith("org.springframework.samples.blog.PostController.");
        assertThat(finding.dataSource()).isEqualTo("blog");
        assertThat(nPlusOnes).noneMatch(f -> f.route().equals("GET /posts/fixed"));
    }

    @Test
    void cachedTitlesAreCountedOnceAsHitsAndMissesAndTheirRedisTimeIsARequestSegment() {
        long first = firstPost;
        long second = firstPost + 1;
        assertThat(http.get("/posts/" + first + "/title").statusCode()).isEqualTo(200);
        // Spring Data Redis may store after the response: the next lookups must find the value.
        Await.until("the first title in Redis", () -> Boolean.TRUE.equals(redis.hasKey(BlogRedis.key(PostTitles.CACHE, first))));
        assertThat(http.get("/posts/" + first + "/title").body()).contains("\"title\"");
        assertThat(http.get("/posts/" + first + "/title").statusCode()).isEqualTo(200);
        assertThat(http.get("/posts/" + second + "/title").statusCode()).isEqualTo(200);
        Await.until("the second title in Redis", () -> Boolean.TRUE.equals(redis.hasKey(BlogRedis.key(PostTitles.CACHE, second))));

        assertThat(cacheCount("cache.gets", "result", "hit")).isEqualTo(2);
        assertThat(cacheCount("cache.gets", "result", "miss")).isEqualTo(2);
        assertThat(cacheCount("cache.puts")).isEqualTo(2);
        // One writer: no meter of Boot's cache binders (they tag cache.manager) next to perfmon's.
        assertThat(registry.getMeters()).noneMatch(meter -> meter.getId().getName().startsWith("cache.")
                && meter.getId().getTag("cache.manager") != null);
        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).contains("cache_gets_total{cache=\"post-titles\",result=\"hit\"} 2.0",
                "cache_gets_total{cache=\"post-titles\",result=\"miss\"} 2.0");

        Await.until("the redis segment of /posts/{id}/title", () -> registry.find("perfmon.request.segment")
                .tag("uri", "/posts/{id}/title").tag("segment", "redis").timer() != null);
        Timer redisTime = registry.get("perfmon.request.segment").tag("uri", "/posts/{id}/title")
                .tag("segment", "redis").timer();
        assertThat(redisTime.count()).isPositive();
        assertThat(redisTime.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();

        // Each command timed once, by Lettuce: its latency recorder (Boot 3's actuator) or Boot 4's
        // observation of it, never both: 4 lookups, 4 timed GETs.
        Await.until("4 timed GETs", () -> lettuceRecorded("GET") + lettuceObserved("GET") >= 4);
        assertThat(lettuceRecorded("GET") + lettuceObserved("GET")).isEqualTo(4);
        assertThat(lettuceRecorded("GET") == 0 || lettuceObserved("GET") == 0).isTrue();
    }

    private long lettuceRecorded(String command) {
        return registry.find("lettuce.command.completion").tag("command", command).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private long lettuceObserved(String command) {
        return registry.find("lettuce").tag("db.operation", command).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private double cacheCount(String name, String... tags) {
        return registry.find(name).tag("cache", PostTitles.CACHE).tags(tags).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Test
    void eachRequestsTimeIsBrokenDownIntoPoolAndSqlSegments() {
        assertThat(http.get("/posts/naive").statusCode()).isEqualTo(200);

        Await.until("the statements of /posts/naive", () ->
                registry.find("perfmon.request.statements").tag("uri", "/posts/naive").summary() != null);
        var statements = registry.find("perfmon.request.statements").tag("uri", "/posts/naive").summary();
        assertThat(statements.max()).isEqualTo(1 + BlogData.POSTS);
        assertThat(registry.find("perfmon.request.segment").tag("uri", "/posts/naive").tag("segment", "db.query").timer())
                .isNotNull().satisfies(timer -> assertThat(timer.count()).isPositive());
        assertThat(registry.find("perfmon.request.segment").tag("uri", "/posts/naive").tag("segment", "db.pool").timer())
                .isNotNull();
    }

    @Test
    void hikariStaysAHikariDataSourceWithItsOwnMetersInPrometheus() throws Exception {
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(dataSource.isWrapperFor(PerfMonDataSource.class)).isTrue();
        assertThat(((HikariDataSource) dataSource).getPoolName()).isEqualTo("blog");

        assertThat(registry.getMeters().stream().map(m -> m.getId().getName()).filter(n -> n.startsWith("hikaricp."))
                .distinct().sorted().toList()).isEqualTo(HIKARI_METERS);
        assertThat(registry.find("hikaricp.connections.active").tag("pool", "blog").gauges()).hasSize(1);
        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).contains("hikaricp_connections_active{pool=\"blog\"}")
                .contains("hikaricp_connections_acquire_seconds_count{pool=\"blog\"}");
    }

    @Test
    void actuatorRequestsAreNotApplicationTraffic() {
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/posts/" + firstPost).statusCode()).isEqualTo(200);
        Await.until("a request after the health check", () -> count("/posts/{id}", "200") > 0);
        assertThat(registry.find("http.server.requests").tagKeys("uri").timers())
                .noneMatch(t -> t.getId().getTag("uri").startsWith("/actuator"));
    }

    @Test
    void thePerfmonEndpointServesTheReportAsJsonAndText() {
        assertThat(http.get("/posts/" + firstPost).statusCode()).isEqualTo(200);
        Await.until("a request of /posts/{id}", () -> count("/posts/{id}", "200") > 0);

        assertThat(http.get("/posts/naive").statusCode()).isEqualTo(200);
        Await.until("the N+1 of /posts/naive", () -> nPlusOnes.stream().anyMatch(f -> f.route().equals("GET /posts/naive")));

        HttpResponse<String> json = http.get("/actuator/perfmon");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json.body()).startsWith("{").containsPattern("\"schemaVersion\"\\s*:\\s*1")
                .containsPattern("\"route\"\\s*:\\s*\"GET /posts/\\{id}\"")
                .containsPattern("\"kind\"\\s*:\\s*\"nplusone\"");

        HttpResponse<String> text = http.get("/actuator/perfmon", "Accept", "text/plain");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(text.body()).contains("-- Requests").contains("/posts/{id}");
    }

    /** Waits for the series ("METHOD uri status"), naming every series there is if they do not come. */
    private void awaitSeries(String... expected) {
        try {
            Await.until("series " + List.of(expected), () -> series().containsAll(List.of(expected)));
        } catch (AssertionError timedOut) {
            assertThat(series()).containsAll(List.of(expected));
        }
    }

    private List<String> series() {
        return registry.find("http.server.requests").timers().stream()
                .filter(t -> t.count() > 0)
                .map(t -> t.getId().getTag("method") + " " + t.getId().getTag("uri") + " " + t.getId().getTag("status"))
                .sorted().toList();
    }

    /** @return the count once requests of earlier tests have all been recorded */
    private long settledCount(String uri, String status) throws InterruptedException {
        long count = count(uri, status);
        Thread.sleep(300);
        while (count(uri, status) != count) {
            count = count(uri, status);
            Thread.sleep(300);
        }
        return count;
    }

    private long count(String uri, String status) {
        return count("GET", uri, status);
    }

    private long count(String method, String uri, String status) {
        return registry.find("http.server.requests").tag("method", method).tag("uri", uri).tag("status", status)
                .timers().stream().mapToLong(Timer::count).sum();
    }

    @Test
    void aTracedRequestsTraceIdIsTheExemplarOfItsLatencyBucket() {
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/posts/" + firstPost).statusCode()).isEqualTo(200);
        }
        Await.until("the server spans of GET /posts/{id}", () -> tracer.getSpans().size() >= 3);
        List<String> traceIds = tracer.getSpans().stream().map(SimpleSpan::getTraceId).toList();

        HttpResponse<String> scrape = http.get("/actuator/prometheus", "Accept",
                "application/openmetrics-text;version=1.0.0;charset=utf-8");

        // perfmon records inside Boot's observation, so the registry samples the current span's trace id.
        List<String> exemplars = scrape.body().lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_bucket{") && l.contains("uri=\"/posts/{id}\""))
                .filter(l -> l.contains(" # {")).toList();
        assertThat(exemplars).isNotEmpty().anySatisfy(line -> assertThat(traceIds)
                .anySatisfy(id -> assertThat(line).contains("trace_id=\"" + id + "\"")));
    }

    @Test
    void theDashboardIsServedUnderTheActuatorBasePathBesideThePerfmonEndpoint() {
        HttpResponse<String> page = http.get("/actuator/perfmon/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("/actuator/perfmon/dashboard/data.json");

        HttpResponse<String> data = http.get("/actuator/perfmon/dashboard/data.json");
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(data.body()).startsWith("{").containsPattern("\"schemaVersion\"\\s*:\\s*1");
    }
}
