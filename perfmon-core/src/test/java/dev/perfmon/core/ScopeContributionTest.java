package dev.perfmon.core;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeContributionTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();

    @AfterEach
    void close() {
        perfMon.close();
    }

    @Test
    void segmentsAndCountersAccumulateAndArePublishedPerRoute() {
        try (RequestScope scope = perfMon.openScope("GET /posts")) {
            scope.recordSegment(Segment.DB_QUERY, 3_000_000);
            scope.recordSegment(Segment.DB_QUERY, 2_000_000);
            scope.recordSegment(Segment.REDIS, 400_000);
            scope.add(ScopeCounter.STATEMENTS, 2);
            assertThat(scope.segmentNanos(Segment.DB_QUERY)).isEqualTo(5_000_000);
            assertThat(scope.segmentCount(Segment.DB_QUERY)).isEqualTo(2);
            assertThat(scope.counter(ScopeCounter.STATEMENTS)).isEqualTo(2);
        }
        assertThat(registry.get("perfmon.request.segment").tags("method", "GET", "uri", "/posts", "segment", "db.query")
                .timer().totalTime(TimeUnit.NANOSECONDS)).isEqualTo(5_000_000);
        assertThat(registry.get("perfmon.request.segment").tags("method", "GET", "uri", "/posts", "segment", "redis")
                .timer().totalTime(TimeUnit.NANOSECONDS)).isEqualTo(400_000);
        assertThat(registry.get("perfmon.request.statements").tags("method", "GET", "uri", "/posts").summary().totalAmount())
                .isEqualTo(2.0);
    }

    @Test
    void aScopeWithoutDatabaseWorkCountsZeroStatements() {
        try (RequestScope scope = perfMon.openScope("GET /static")) {
            scope.recordSegment(Segment.REDIS, 1_000);
        }
        try (RequestScope ignored = perfMon.openScope("GET /static")) {
            // served from memory: no segment, no statement
        }
        var summary = registry.get("perfmon.request.statements").tags("method", "GET", "uri", "/static").summary();
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.totalAmount()).isZero();
    }

    @Test
    void statementsPerRequestAreAveragedOverEveryRequestNotOnlyTheOnesThatRanSql() {
        for (int request = 0; request < 5; request++) {
            try (RequestScope scope = perfMon.openScope("GET /owners")) {
                if (request == 2) {
                    scope.add(ScopeCounter.STATEMENTS, 3); // the one cache miss
                }
            }
        }
        var summary = registry.get("perfmon.request.statements").tags("method", "GET", "uri", "/owners").summary();
        assertThat(summary.count()).isEqualTo(5);
        assertThat(summary.totalAmount()).isEqualTo(3.0);
        assertThat(summary.mean()).isEqualTo(0.6);
        assertThat(summary.max()).isEqualTo(3.0);
    }

    @Test
    void aScopeThatWaitedForAConnectionButRanNothingCountsZeroStatements() {
        try (RequestScope scope = perfMon.openScope("GET /ping-db")) {
            scope.recordSegment(Segment.DB_POOL, 1_000);
        }
        var summary = registry.get("perfmon.request.statements").tags("method", "GET", "uri", "/ping-db").summary();
        assertThat(summary.count()).isEqualTo(1);
        assertThat(summary.totalAmount()).isZero();
    }

    @Test
    void applicationCodeCanTimeItsOwnDependencyAsANamedSegment() throws Exception {
        Segment kafka = Segment.of("kafka.send");
        try (RequestScope scope = perfMon.openScope("POST /orders")) {
            String result = perfMon.timeSegment(kafka, () -> "sent");
            perfMon.runSegment(kafka, () -> { });
            assertThat(result).isEqualTo("sent");
            assertThat(scope.segmentCount(kafka)).isEqualTo(2);
        }
        assertThat(registry.get("perfmon.request.segment").tag("segment", "kafka.send").timer().count()).isEqualTo(1);
    }

    @Test
    void aTimedSegmentRecordsItsTimeEvenWhenTheDependencyThrows() {
        Segment http = Segment.of("http.call");
        IllegalStateException failure = new IllegalStateException("remote down");
        try (RequestScope scope = perfMon.openScope("GET /proxy")) {
            assertThatThrownBy(() -> perfMon.timeSegment(http, () -> {
                throw failure;
            })).isSameAs(failure);
            assertThat(scope.segmentCount(http)).isEqualTo(1);
        }
    }

    @Test
    void moreSegmentsThanSlotsFoldIntoOtherWithExactTotals() {
        long total = 0;
        try (RequestScope scope = perfMon.openScope("GET /many")) {
            for (int i = 0; i < 40; i++) {
                scope.recordSegment(Segment.of("dep." + i), 100 + i);
                total += 100 + i;
            }
            long[] seen = new long[1];
            scope.forEachSegment((segment, nanos, count) -> seen[0] += nanos);
            assertThat(seen[0]).isEqualTo(total);
            assertThat(scope.segmentNanos(Segment.OTHER)).isPositive();
        }
    }

    @Test
    void attachmentsAreCreatedOncePerScopeAndOwnedByTheirKey() {
        ScopeKey<List<String>> key = ScopeKey.of("fingerprints", ArrayList::new);
        ScopeKey<List<String>> otherKey = ScopeKey.of("fingerprints", ArrayList::new);
        try (RequestScope scope = perfMon.openScope("GET /posts")) {
            assertThat(scope.attachmentIfPresent(key)).isNull();
            scope.attachment(key).add("select");
            scope.attachment(key).add("select");
            assertThat(scope.attachment(key)).containsExactly("select", "select");
            assertThat(scope.attachmentIfPresent(otherKey)).isNull();
        }
    }

    @Test
    void scopeHooksSeeTheFinalRouteAndAFailingHookIsContainedAndCounted() {
        Map<String, Long> seen = new ConcurrentHashMap<>();
        perfMon.addScopeHook(scope -> {
            throw new IllegalStateException("broken module");
        });
        perfMon.addScopeHook(scope -> seen.put(scope.route(), scope.counter(ScopeCounter.STATEMENTS)));
        try (RequestScope scope = perfMon.openScope("GET")) {
            scope.add(ScopeCounter.STATEMENTS, 7);
            scope.route("/posts/{id}/comments");
        }
        assertThat(seen).containsEntry("/posts/{id}/comments", 7L);
        assertThat(perfMon.failureCount("scope-hook")).isEqualTo(1);
        assertThat(registry.get("perfmon.internal.errors").tag("component", "scope-hook").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void contributionsOutsideAnyScopeAreDropped() {
        perfMon.recordSegment(Segment.DB_QUERY, 1_000);
        perfMon.increment(ScopeCounter.STATEMENTS);
        assertThat(registry.find("perfmon.request.segment").timer()).isNull();
    }

    @Test
    void segmentNamesMustNotBeBlank() {
        assertThatThrownBy(() -> Segment.of("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'  '");
        assertThat(Segment.of("db.query")).isSameAs(Segment.DB_QUERY);
    }
}
