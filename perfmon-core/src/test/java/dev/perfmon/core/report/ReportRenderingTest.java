package dev.perfmon.core.report;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.health.ContractMeters;
import dev.perfmon.core.health.HealthMonitor;
import dev.perfmon.core.report.spi.BottleneckCandidate;
import dev.perfmon.core.report.spi.Diagnosis;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.ReportContribution;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** Text within 100 columns, JSON with a pinned key structure, HTML with every value escaped. */
class ReportRenderingTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final ContractMeters meters = new ContractMeters(registry);

    @AfterEach
    void close() {
        perfMon.close();
    }

    /** Rows and a candidate as the pool and cache modules contribute them, so every section renders. */
    private static final Diagnosis RESOURCES = new Diagnosis() {
        @Override
        public String name() {
            return "test.resources";
        }

        @Override
        public void diagnose(DiagnosisContext context, ReportContribution report) {
            report.pools(List.of(new PoolSummary("main", 20, 20, 37, 4, Double.NaN, 1,
                    List.of(new PoolHolder("GET /posts", 2.5)))));
            report.caches(new CacheSummary(PerfReport.ALL, 1050, 950, 0.525),
                    List.of(new CacheSummary("users", 950, 50, 0.95), new CacheSummary("posts", 100, 900, 0.1)));
            report.candidate(new BottleneckCandidate("test.wait", "GET /posts", 0.6,
                    "pool main: 20/20 busy, 37 waiting; connections held by GET /posts; 13 % of request time waiting"
                            + " for a pooled connection; all of it in GET /posts; 1 exhaustion episode",
                    "shorten connection holds in GET /posts"));
        }
    };

    /** A report in which every list of the schema has at least one element. */
    private PerfReport richReport(String hostileRoute) {
        HealthMonitor health = HealthMonitor.builder(perfMon).build();
        PerfReporter reporter = PerfReporter.builder(perfMon).health(health).build();
        perfMon.diagnoses().register(RESOURCES);
        meters.requests(1000, "GET", "/posts", 200, ms(100))
                .requests(30, "GET", "/posts", 503, ms(2500))
                .segment(1030, "GET /posts", "db.pool", ms(61))
                .segment(1030, "GET /posts", "db.query", ms(12))
                .segment(1030, "GET /posts", "redis", ms(3))
                .statements(1030, "GET /posts", 31)
                .requests(40, "POST", hostileRoute, 201, ms(30))
                .segment(40, "POST " + hostileRoute, "db.query", ms(10))
                .cacheGets("posts", 100, 900).cacheGets("users", 950, 50)
                .pool("main", 20, 20, 37).poolTimeouts("main", 4).cpu(0.93).heap(100e6, 800e6, 1e9);
        perfMon.publish(new TestFinding("nplusone", "GET /posts", Severity.WARNING, perfMon.now(),
                "30 x select c.* from comment c where c.post_id=? at PostService.list(PostService.java:42)"));
        perfMon.publish(TestPoolEvent.opened("main", 20, 20, 37, perfMon.now(), TestPoolEvent.held("GET /posts", 2.5))
                .onRoute("GET /posts"));
        for (int i = 0; i < 12; i++) {
            clock.add(Duration.ofSeconds(15));
            meters.requests(10, "GET", "/posts", 503, ms(2500));
            health.evaluate();
            reporter.sample();
        }
        return reporter.report();
    }

    @Test
    void textReportLinesFitInOneHundredColumnsAndShowEverySection() throws IOException {
        PerfReport report = richReport("/a/very/long/route/template/{with}/{many}/{segments}/that/needs/cutting");
        String text = report.toText();
        // Samples for the README and for eyes: target/report-samples/
        Path dir = Path.of("target", "report-samples");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("synthetic.txt"), text);
        Files.writeString(dir.resolve("synthetic.json"), report.toJson());
        Files.writeString(dir.resolve("synthetic.html"), report.toHtmlFragment());

        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100))
                .noneMatch(line -> line.strip().startsWith("%"));
        assertThat(text).contains("-- Requests", "-- Objectives", "-- Where the time goes", "-- Caches",
                "-- Connection pools", "-- Findings", "-- Health", "-- Likely bottlenecks", "GET /posts",
                "main                   20/20 busy at peak, 37 waiting at peak, 4 timeouts, acquire avg n/a\n"
                        + "                       1 exhaustion episode, held by GET /posts\n",
                "[test.wait] pool main: 20/20 busy, 37 waiting; connections held by GET /posts; 13 % of request");
        // A name longer than the first column stands whole on its own line, its numbers below it: wrapped, never cut.
        String longRoute = "POST /a/very/long/route/template/{with}/{many}/{segments}/that/needs/cutting";
        assertThat(text).doesNotContain("~").contains("\n" + longRoute + "\n" + " ".repeat(22) + "      40 ");
    }

    @Test
    void jsonKeysMatchTheCheckedInSchemaAndTheNumbersMatchTheAccessors() throws IOException {
        PerfReport report = richReport("/orders");
        String json = report.toJson();

        Object parsed = MiniJson.parse(json);
        TreeSet<String> expected = expectedSchema();
        assertThat(MiniJson.keyPaths(parsed)).containsExactlyElementsOf(expected);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) parsed;
        assertThat(root.get("schemaVersion")).isEqualTo((double) PerfReport.SCHEMA_VERSION);
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) root.get("totals");
        assertThat(totals.get("requests")).isEqualTo((double) report.totals().requests());
        assertThat(((List<?>) root.get("bottlenecks"))).hasSize(report.bottlenecks().size());
    }

    @Test
    void htmlFragmentEscapesApplicationText() {
        String hostile = "/x/<script>alert('r')</script>&\"";
        PerfReport report = richReport(hostile);
        perfMon.publish(new TestFinding("custom", "none", Severity.INFO, perfMon.now(), "<img src=x onerror=y>"));

        String html = report.toHtmlFragment();

        assertThat(html).startsWith("<section class=\"perfmon-report\">").endsWith("</section>\n");
        assertThat(html).doesNotContain("<script>", "<img");
        assertThat(html).contains("POST /x/&lt;script&gt;alert(&#39;r&#39;)&lt;/script&gt;&amp;&quot;");
        assertThat(report.toJson()).doesNotContain("<script>");
        assertThat(MiniJson.parse(report.toJson())).isNotNull();
    }

    private static TreeSet<String> expectedSchema() throws IOException {
        try (InputStream in = ReportRenderingTest.class.getResourceAsStream("/report-schema-v1.txt")) {
            assertThat(in).as("report-schema-v1.txt on the test classpath").isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n")).map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
