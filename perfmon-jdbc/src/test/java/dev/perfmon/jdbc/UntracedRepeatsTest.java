package dev.perfmon.jdbc;

import dev.perfmon.core.RequestScope;
import dev.perfmon.testsupport.TestDatabase;
import dev.perfmon.testsupport.TestThreads;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Learned untraced repeats, on HikariCP over H2 and PostgreSQL: a statement shape that ran at most
 * k times in each of the last 64 scopes that ran it (k below the N+1 threshold, no parameter set
 * repeated in any of them) is not traced for its first k executions in a new scope. When the
 * shape then makes a finding, those k executions count at call site {@code unknown} in the finding
 * of the call site that ran past them, the total stays exact, and the finding's note says so.
 */
class UntracedRepeatsTest extends DetectorTestBase {

    private static final String UNKNOWN = "unknown";

    /** One decorator, so one SQL cache and what it learned, for the whole test. */
    private PerfMonDataSource dataSource(TestDatabase db) {
        return PerfMonDataSource.builder(Items.pool(db), perfMon).name("main").nPlusOne(NPlusOneConfig.defaults()).build();
    }

    /** Runs {@code scopes} scopes, each loading the items {@code ids} one at a time from a place of its own. */
    private void requests(PerfMonDataSource dataSource, int scopes, int... ids) throws SQLException {
        for (int request = 0; request < scopes; request++) {
            try (RequestScope scope = perfMon.openScope("GET /items/{id}"); Connection c = dataSource.getConnection()) {
                for (int id : ids) {
                    NPlusOneDetectionTest.loadHeader(c, id);
                }
            }
        }
    }

    /** Runs one scope looking items {@code 1..count} up in a loop: an N+1. */
    private NPlusOneDetected loop(PerfMonDataSource dataSource, int count) throws SQLException {
        int before = recorder.nPlusOnes().size();
        try (RequestScope scope = perfMon.openScope("GET /items"); Connection c = dataSource.getConnection()) {
            NPlusOneDetectionTest.lookUp(c, IntStream.rangeClosed(1, count).toArray());
        }
        assertThat(recorder.nPlusOnes()).hasSize(before + 1);
        return recorder.nPlusOnes().get(before);
    }

    /**
     * Asserts a finding of all {@code total} executions of the loop's scope: the first
     * {@code untraced} at {@code unknown}, with the note saying why, the others at the loop.
     */
    private static void assertUntraced(NPlusOneDetected finding, int total, int untraced) {
        String loop = SourceLines.callSite(NPlusOneDetectionTest.class, "lookUp", "try (ResultSet rs = p.executeQuery())");
        assertThat(finding.count()).isEqualTo(total);
        assertThat(finding.distinctParameterSets()).isEqualTo(total);
        assertThat(finding.callSite()).isEqualTo(loop);
        if (untraced == 0) {
            assertThat(finding.callSites()).containsExactly(Map.entry(loop, total));
            assertThat(finding.note()).isNull();
            return;
        }
        assertThat(finding.callSites()).containsExactly(Map.entry(loop, total - untraced), Map.entry(UNKNOWN, untraced));
        String note = untraced == 1
                ? "1 execution counts at call site unknown: the statement had run once per scope until now, so its"
                        + " first execution here was not traced"
                : untraced + " executions count at call site unknown: the statement had run at most " + untraced
                        + " times per scope until now, so its first " + untraced + " executions here were not traced";
        assertThat(finding.note()).isEqualTo(note);
        assertThat(finding.summary()).endsWith("(" + note + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aShapeThatRanThreeTimesPerScopeForLongLeavesItsFirstThreeUntracedAndAnNPlusOneStillCountsThem(TestDatabase db)
            throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        requests(dataSource, 64, 1, 2, 3);
        recorder.assertNone();

        // The first 3 lookups were not traced: they count at unknown, never at the loop nor at the
        // header loads, and join the loop's finding, whose count is the statement's exact total.
        assertUntraced(loop(dataSource, 8), 8, 3);
        // A scope that came near a finding is not quiet: the next one traces every execution again.
        assertUntraced(loop(dataSource, 8), 8, 0);
        assertThat(registry.get("perfmon.nplusone").tags("method", "GET", "uri", "/items").tag("datasource", "main")
                .counter().count()).isEqualTo(2.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aShapeThatRanOncePerScopeForLongLeavesItsFirstExecutionUntraced(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        requests(dataSource, 64, 5);

        assertUntraced(loop(dataSource, 6), 6, 1);
        assertUntraced(loop(dataSource, 6), 6, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whatIsLearnedIsTheMostOfTheLast64ScopesNotOfAllTime(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        requests(dataSource, 64, 1, 2, 3, 4);
        requests(dataSource, 64, 1, 2);

        // Four per scope has left the window: only the first 2 are untraced.
        assertUntraced(loop(dataSource, 7), 7, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aShapeWhoseParameterSetRepeatsKeepsBeingTraced(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        // Two loads of the same item per scope: below the duplicate threshold of 3, so no finding.
        requests(dataSource, 80, 1, 1);
        recorder.assertNone();

        assertUntraced(loop(dataSource, 6), 6, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aShapeThatReachedTheThresholdIsTracedUntil64QuietScopesFollow(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        requests(dataSource, 10, 1, 2, 3);
        // Not learned yet (10 scopes), then a loop of 5 within the last 64 scopes: both exact.
        assertUntraced(loop(dataSource, 5), 5, 0);
        requests(dataSource, 63, 1, 2, 3);
        assertUntraced(loop(dataSource, 6), 6, 0);
        // 64 quiet scopes of 3 since the last loop: learned again.
        requests(dataSource, 64, 1, 2, 3);
        assertUntraced(loop(dataSource, 7), 7, 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void scopesClosingOnManyThreadsAtOnceLearnTheSameAndCountEveryStatement(TestDatabase db) throws Exception {
        PerfMonDataSource dataSource = dataSource(db);
        ExecutorService workers = TestThreads.executor(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                done.add(workers.submit(() -> {
                    start.await();
                    requests(dataSource, 100, 1, 2, 3);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
        recorder.assertNone();

        // No scope ran the shape more than 3 times, all were quiet: a race may only lose an update.
        assertUntraced(loop(dataSource, 8), 8, 3);
        assertThat(registry.find("jdbc.query").timers().stream().mapToLong(Timer::count).sum()).isEqualTo(4 * 100 * 3 + 8);
    }
}
