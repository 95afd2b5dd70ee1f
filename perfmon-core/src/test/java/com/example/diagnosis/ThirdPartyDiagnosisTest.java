package com.example.diagnosis;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.event.PerfMonEvent;
import dev.perfmon.core.event.Severity;
import dev.perfmon.core.health.ContractMeters;
import dev.perfmon.core.report.Bottleneck;
import dev.perfmon.core.report.Finding;
import dev.perfmon.core.report.PerfReport;
import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.core.report.spi.BottleneckCandidate;
import dev.perfmon.core.report.spi.Diagnosis;
import dev.perfmon.core.report.spi.DiagnosisContext;
import dev.perfmon.core.report.spi.FindingCounter;
import dev.perfmon.core.report.spi.ReportContribution;
import dev.perfmon.core.report.spi.ReportFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.perfmon.core.health.ContractMeters.ms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A diagnosis written outside perfmon, against the public SPI alone: registered on the PerfMon,
 * ranked among core's candidates in every rendering, its failures contained, its counted
 * findings exact in windows however many the finding store overflowed.
 */
class ThirdPartyDiagnosisTest {

    /** A queue module's finding: a consumer fell behind. */
    record QueueLag(String route, Instant timestamp) implements PerfMonEvent {
        static final String KIND = "queue.lag";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Severity severity() {
            return Severity.WARNING;
        }

        @Override
        public String summary() {
            return "consumer behind";
        }
    }

    /** Ranks time in the {@code queue} segment and counts lag findings with its own counter. */
    static final class QueueDiagnosis implements Diagnosis {
        static final String METER = "queue.lag.findings";

        @Override
        public String name() {
            return "example.queue";
        }

        @Override
        public List<FindingCounter> findingCounters() {
            return List.of(new FindingCounter(QueueLag.KIND, METER));
        }

        @Override
        public java.util.Set<String> segments() {
            return java.util.Set.of("queue");
        }

        @Override
        public void diagnose(DiagnosisContext context, ReportContribution report) {
            for (var b : context.breakdown()) {
                double seconds = b.seconds("queue");
                if (seconds > 0) {
                    long lags = context.findingCount(QueueLag.KIND, b.route());
                    report.candidate(new BottleneckCandidate("queue.wait", b.route(),
                            seconds / context.totalRequestSeconds(), b.route() + ": " + ReportFormat.pct(b.percent("queue"))
                                    + " of time waiting on the queue, " + lags + " lag findings",
                            "add consumers"));
                }
            }
        }
    }

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final PerfMon perfMon = PerfMon.builder(registry).clock(clock)
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final ContractMeters meters = new ContractMeters(registry);

    @AfterEach
    void close() {
        perfMon.close();
    }

    private void slowQueueRoute() {
        meters.requests(100, "POST", "/orders", 200, ms(1000))
                .segment(100, "POST /orders", "queue", ms(700))
                .requests(100, "GET", "/compute", 200, ms(600));
    }

    @Test
    void aRegisteredDiagnosisIsRankedAmongCoresCandidatesInTextAndJson() {
        assertThat(perfMon.diagnoses().register(new QueueDiagnosis())).isTrue();
        assertThat(perfMon.diagnoses().register(new QueueDiagnosis())).as("idempotent by name").isFalse();
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        slowQueueRoute();
        perfMon.publish(new QueueLag("POST /orders", perfMon.now()));
        clock.add(Duration.ofSeconds(10));

        PerfReport report = reporter.report();

        // 70 s of queue wait over 100 s + 60 s of requests; then the unexplained latency of GET /compute.
        assertThat(report.bottlenecks()).extracting(Bottleneck::kind).containsExactly("queue.wait", "latency");
        Bottleneck top = report.bottlenecks().get(0);
        assertThat(top.score()).isEqualTo(Math.round(70 / 160.0 * 1000) / 1000.0);
        assertThat(top.reason()).isEqualTo("POST /orders: 70 % of time waiting on the queue, 1 lag findings");
        assertThat(report.bottlenecks()).extracting(Bottleneck::kind).as("the segment is the diagnosis's, not generic")
                .doesNotContain("queue");
        assertThat(report.toText()).contains("1. [queue.wait] POST /orders: 70 % of time waiting on the queue");
        String json = report.toJson();
        String firstBottleneck = json.substring(json.indexOf("\"bottlenecks\""));
        assertThat(firstBottleneck.replaceAll("\\s+", " ")).startsWith("\"bottlenecks\": [ { \"rank\": 1, \"kind\":"
                + " \"queue.wait\", \"route\": \"POST /orders\", \"score\": " + top.score() + ",");
        assertThat(perfMon.diagnoses().registered()).singleElement().extracting(Diagnosis::name).isEqualTo("example.queue");
    }

    @Test
    void aDiagnosisThatThrowsIsLeftOutCountedAndTheReportStillRenders() {
        perfMon.diagnoses().register(new QueueDiagnosis());
        perfMon.diagnoses().register(new Diagnosis() {
            @Override
            public String name() {
                return "example.broken";
            }

            @Override
            public void diagnose(DiagnosisContext context, ReportContribution report) {
                report.candidate(new BottleneckCandidate("half.done", "none", 0.99, "never shown", "none"));
                throw new IllegalStateException("broken diagnosis");
            }
        });
        PerfReporter reporter = PerfReporter.builder(perfMon).build();
        slowQueueRoute();
        clock.add(Duration.ofSeconds(10));

        PerfReport first = reporter.report();
        PerfReport second = reporter.report(Duration.ofSeconds(10));

        for (PerfReport report : List.of(first, second)) {
            assertThat(report.bottlenecks()).extracting(Bottleneck::kind).contains("queue.wait")
                    .doesNotContain("half.done");
            assertThat(report.toText()).contains("-- Likely bottlenecks");
            assertThat(report.toJson()).contains("\"bottlenecks\"");
            assertThat(report.toHtmlFragment()).contains("perfmon-bottlenecks");
        }
        assertThat(perfMon.failureCount("diagnosis.example.broken")).isEqualTo(2);
        assertThat(registry.get("perfmon.internal.errors").tag("component", "diagnosis.example.broken").counter()
                .count()).isEqualTo(2);
    }

    @Test
    void windowedCountsOfACountedKindComeFromItsCounterExactlyWhenTheStoreOverflows() {
        perfMon.diagnoses().register(new QueueDiagnosis());
        int capacity = 50;
        PerfReporter reporter = PerfReporter.builder(perfMon).maxFindings(capacity).build();
        Counter orders = Counter.builder(QueueDiagnosis.METER).tag("method", "POST").tag("uri", "/orders")
                .register(registry);
        Counter exports = Counter.builder(QueueDiagnosis.METER).tag("method", "GET").tag("uri", "/export")
                .register(registry);
        clock.add(Duration.ofSeconds(5));
        reporter.sample();
        int onOrders = capacity * 3 + 7;
        int onExports = 5;
        for (int i = 0; i < onExports; i++) {
            perfMon.publish(new QueueLag("GET /export", perfMon.now()));
            exports.increment();
        }
        for (int i = 0; i < onOrders; i++) {
            perfMon.publish(new QueueLag("POST /orders", perfMon.now()));
            orders.increment();
        }
        clock.add(Duration.ofSeconds(5));

        PerfReport window = reporter.report(Duration.ofSeconds(5));
        PerfReport sinceStart = reporter.report();

        for (PerfReport report : List.of(window, sinceStart)) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (Finding f : report.findings()) {
                counts.merge(f.kind() + " " + f.route(), f.count(), Long::sum);
            }
            assertThat(counts).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                    "queue.lag POST /orders", (long) onOrders, "queue.lag GET /export", (long) onExports)));
        }
        assertThat(window.findingsDropped()).isEqualTo(onOrders + onExports - capacity);
        assertThat(window.notes()).anySatisfy(n -> assertThat(n).contains("exact for queue.lag"));
        // The flooded route's row keeps the summary of its newest event; the other is rebuilt from the counter.
        assertThat(window.findings()).filteredOn(f -> f.route().equals("GET /export")).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("counted by queue.lag.findings"));
    }
}
