package dev.perfmon.core;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestScopeLifecycleTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();

    @AfterEach
    void close() {
        perfMon.close();
    }

    @Test
    void scopeIsBoundWhileOpenAndUnboundAfterClose() {
        assertThat(perfMon.currentScope()).isNull();
        try (RequestScope scope = perfMon.openScope("GET /posts")) {
            assertThat(perfMon.currentScope()).isSameAs(scope);
            assertThat(scope.isOpen()).isTrue();
        }
        assertThat(perfMon.currentScope()).isNull();
    }

    @Test
    void anExceptionInsideTheScopeStillUnbindsItAndPassesThroughUnchanged() {
        IllegalStateException thrown = new IllegalStateException("application failure");
        assertThatThrownBy(() -> {
            try (RequestScope ignored = perfMon.openScope("GET /fails")) {
                throw thrown;
            }
        }).isSameAs(thrown);
        assertThat(perfMon.currentScope()).isNull();
    }

    @Test
    void aNestedScopeRestoresTheOuterOneWhenItCloses() {
        try (RequestScope outer = perfMon.openScope("job:outer")) {
            try (RequestScope inner = perfMon.openScope("job:inner")) {
                assertThat(perfMon.currentScope()).isSameAs(inner);
            }
            assertThat(perfMon.currentScope()).isSameAs(outer);
        }
        assertThat(perfMon.currentScope()).isNull();
    }

    @Test
    void closingTheOuterScopeFirstLeavesNoStaleBinding() {
        RequestScope outer = perfMon.openScope("job:outer");
        RequestScope inner = perfMon.openScope("job:inner");
        outer.close();
        assertThat(perfMon.currentScope()).isSameAs(inner);
        inner.close();
        assertThat(perfMon.currentScope()).isNull();
    }

    @Test
    void aScopeClosedOnAnotherThreadIsNoLongerCurrentOnTheOpeningThread() throws Exception {
        RequestScope scope = perfMon.openScope("GET /async");
        Thread closer = new Thread(scope::close);
        closer.start();
        closer.join();
        assertThat(scope.isOpen()).isFalse();
        assertThat(perfMon.currentScope()).isNull();
        try (RequestScope next = perfMon.openScope("GET /next")) {
            assertThat(next).isNotSameAs(scope);
            assertThat(perfMon.currentScope()).isSameAs(next);
        }
    }

    @Test
    void reusedPoolThreadsNeverSeeAScopeFromAnEarlierTask() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        java.util.concurrent.atomic.AtomicInteger leaked = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (int i = 0; i < 200; i++) {
                int n = i;
                pool.submit(() -> {
                    if (perfMon.currentScope() != null) {
                        leaked.incrementAndGet();
                    }
                    try (RequestScope scope = perfMon.openScope("task-" + (n % 3))) {
                        scope.recordSegment(Segment.DB_QUERY, 10);
                        if (n % 5 == 0) {
                            throw new IllegalStateException("boom");
                        }
                    }
                    return null;
                });
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(leaked).hasValue(0);
        assertThat(registry.get("perfmon.request.segment").tag("uri", "task-0").timer().count()).isEqualTo(67);
    }

    @Test
    void closeIsIdempotentAndContributionsAfterCloseAreIgnored() {
        RequestScope scope = perfMon.openScope("GET /posts").retain();
        scope.recordSegment(Segment.DB_QUERY, 1_000_000);
        scope.close();
        scope.recordSegment(Segment.DB_QUERY, 7_000_000);
        scope.add(ScopeCounter.STATEMENTS, 3);
        scope.close();
        assertThat(scope.segmentNanos(Segment.DB_QUERY)).isEqualTo(1_000_000);
        assertThat(scope.counter(ScopeCounter.STATEMENTS)).isZero();
        Timer query = registry.get("perfmon.request.segment").tag("segment", "db.query").timer();
        assertThat(query.count()).isEqualTo(1);
        assertThat(query.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(1_000_000);
    }

    @Test
    void aRecycledScopeStartsEmpty() {
        try (RequestScope first = perfMon.openScope("GET /a")) {
            first.recordSegment(Segment.REDIS, 500);
            first.add(ScopeCounter.CACHE_HITS, 3);
            first.attachment(ScopeKey.of("state", StringBuilder::new)).append("x");
        }
        try (RequestScope second = perfMon.openScope("GET /b")) {
            assertThat(second.segmentNanos(Segment.REDIS)).isZero();
            assertThat(second.counter(ScopeCounter.CACHE_HITS)).isZero();
            assertThat(second.route()).isEqualTo("GET /b");
        }
    }

    private static ScopeKey<StringBuilder> emptiedOnReuse() {
        return ScopeKey.reusable("state", StringBuilder::new, text -> {
            text.setLength(0);
            return true;
        });
    }

    @Test
    void aReusableAttachmentIsEmptiedAndHandedToTheNextScopeOfItsThread() {
        ScopeKey<StringBuilder> key = emptiedOnReuse();
        ScopeKey<StringBuilder> plain = ScopeKey.of("plain", StringBuilder::new);
        StringBuilder first;
        StringBuilder firstPlain;
        try (RequestScope scope = perfMon.openScope("GET /a")) {
            firstPlain = scope.attachment(plain).append("p");
            first = scope.attachment(key).append("request a");
        }
        try (RequestScope scope = perfMon.openScope("GET /b")) {
            assertThat(scope.attachmentIfPresent(key)).isNull();
            assertThat(scope.attachmentIfPresent(plain)).isNull();
            StringBuilder second = scope.attachment(key);
            assertThat(second).isSameAs(first).isEmpty();
            assertThat(scope.attachment(plain)).isNotSameAs(firstPlain).isEmpty();
            assertThat(scope.attachmentIfPresent(key)).isSameAs(second);
        }
    }

    @Test
    void aReusableAttachmentWhoseResetDeclinesOrFailsIsReplacedByANewOne() {
        ScopeKey<StringBuilder> declines = ScopeKey.reusable("declines", StringBuilder::new, text -> false);
        ScopeKey<StringBuilder> fails = ScopeKey.reusable("fails", StringBuilder::new, text -> {
            throw new IllegalStateException("reset failed");
        });
        StringBuilder declined;
        StringBuilder failed;
        try (RequestScope scope = perfMon.openScope("GET /a")) {
            declined = scope.attachment(declines).append("a");
            failed = scope.attachment(fails).append("a");
        }
        try (RequestScope scope = perfMon.openScope("GET /b")) {
            assertThat(scope.attachment(declines)).isNotSameAs(declined).isEmpty();
            assertThat(scope.attachment(fails)).isNotSameAs(failed).isEmpty();
        }
        // one failed reset per closed scope that held the state
        assertThat(registry.get("perfmon.internal.errors").tag("component", "scope-reuse").counter().count())
                .isEqualTo(2);
    }

    @Test
    void aRetainedScopeKeepsItsReusableAttachment() {
        ScopeKey<StringBuilder> key = emptiedOnReuse();
        RequestScope first = perfMon.openScope("GET /a").retain();
        first.attachment(key).append("request a");
        first.close();
        try (RequestScope second = perfMon.openScope("GET /b")) {
            assertThat(second.attachment(key)).isNotSameAs(first.attachmentIfPresent(key)).isEmpty();
        }
        assertThat(first.attachmentIfPresent(key)).hasToString("request a");
    }

    @Test
    void aRetainedScopeIsNeverReusedSoALateContributionCannotReachTheNextRequest() {
        RequestScope first = perfMon.openScope("GET /a").retain();
        first.close();
        try (RequestScope second = perfMon.openScope("GET /b")) {
            assertThat(second).isNotSameAs(first);
            first.recordSegment(Segment.REDIS, 5_000_000); // a reply arriving after close
            assertThat(second.segmentNanos(Segment.REDIS)).isZero();
        }
        assertThat(first.segmentNanos(Segment.REDIS)).isZero();
    }

    @Test
    void aScopeThatIsNotRetainedIsReusedByTheNextScopeOfItsThread() {
        RequestScope first = perfMon.openScope("GET /a");
        first.close();
        try (RequestScope second = perfMon.openScope("GET /b")) {
            assertThat(second).isSameAs(first);
        }
    }

    @Test
    void aDetachedScopeLeavesItsThreadWithTheOuterScopeAndIsClosedLaterElsewhere() throws Exception {
        try (RequestScope outer = perfMon.openScope("job:outer")) {
            RequestScope async = perfMon.openScope("GET /async");
            assertThat(async.detach()).isTrue();
            assertThat(perfMon.currentScope()).isSameAs(outer);
            assertThat(async.isOpen()).isTrue();

            ExecutorService completer = Executors.newSingleThreadExecutor();
            try {
                completer.submit(() -> {
                    async.recordSegment(Segment.DB_QUERY, 2_000_000);
                    async.close();
                }).get(10, TimeUnit.SECONDS);
            } finally {
                completer.shutdown();
            }
            assertThat(perfMon.currentScope()).isSameAs(outer);
            try (RequestScope next = perfMon.openScope("GET /next")) {
                assertThat(next).isNotSameAs(async);
            }
        }
        assertThat(perfMon.currentScope()).isNull();
        assertThat(registry.get("perfmon.request.segment").tags("method", "GET", "uri", "/async").timer().totalTime(TimeUnit.NANOSECONDS))
                .isEqualTo(2_000_000);
    }

    @Test
    void detachingOnTheOpeningThreadAlsoUnbindsWhatTheWorkLeftBoundAboveIt() {
        try (RequestScope outer = perfMon.openScope("job:outer")) {
            RequestScope async = perfMon.openScope("GET /async");
            RequestScope leftOpen = perfMon.openScope("job:forgotten"); // never closed by the work
            assertThat(perfMon.currentScope()).isSameAs(leftOpen);

            assertThat(async.detach()).isTrue();
            assertThat(perfMon.currentScope()).isSameAs(outer);
            async.close();
            leftOpen.close();
        }
        assertThat(perfMon.currentScope()).isNull();
    }

    @Test
    void detachingOnAnotherThreadRemovesOnlyThatThreadsActivationOfTheScope() throws Exception {
        RequestScope async = perfMon.openScope("GET /async");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            boolean[] result = new boolean[2];
            RequestScope[] after = new RequestScope[1];
            other.submit(() -> {
                async.activate(); // left open on purpose: detach() takes the binding away
                result[0] = async.detach();
                after[0] = perfMon.currentScope();
                result[1] = async.detach();
            }).get(10, TimeUnit.SECONDS);
            assertThat(result[0]).isTrue();
            assertThat(after[0]).isNull();
            assertThat(result[1]).as("no longer bound there").isFalse();
            assertThat(perfMon.currentScope()).as("the opening thread keeps its binding").isSameAs(async);
        } finally {
            other.shutdown();
            async.close();
        }
    }

    @Test
    void detachingLeavesNothingBoundWhenNoScopeWasOpenBefore() {
        RequestScope async = perfMon.openScope("GET /async");
        assertThat(async.detach()).isTrue();
        assertThat(perfMon.currentScope()).isNull();
        assertThat(async.detach()).as("no longer bound here").isFalse();
        async.close();
        assertThat(perfMon.currentScope()).isNull();
    }

    @Test
    void theRouteCanBeSetLateAndTheBreakdownUsesTheFinalValue() {
        try (RequestScope scope = perfMon.openScope("GET")) {
            scope.recordSegment(Segment.DB_POOL, 2_000_000);
            scope.route("/posts/{id}");
        }
        assertThat(registry.get("perfmon.request.segment").tags("uri", "/posts/{id}", "segment", "db.pool")
                .timer().totalTime(TimeUnit.NANOSECONDS)).isEqualTo(2_000_000);
        assertThat(registry.find("perfmon.request.segment").tag("uri", "GET").timer()).isNull();
    }

    @Test
    void twoInstancesInOneJvmKeepSeparateScopes() {
        try (PerfMon other = PerfMon.builder(new SimpleMeterRegistry()).build();
             RequestScope mine = perfMon.openScope("mine")) {
            assertThat(other.currentScope()).isNull();
            try (RequestScope theirs = other.openScope("theirs")) {
                assertThat(perfMon.currentScope()).isSameAs(mine);
                assertThat(other.currentScope()).isSameAs(theirs);
            }
        }
    }
}
