package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Learned untraced repeats, on HikariCP over H2 and PostgreSQL: a statement shape that ran at most
 * k times in each of the last 64 scopes that ran it (k below the N+1 threshold, no parameter set
 * repeated in any of them) is not traced for its first k executions in a new scope. When the
 * shape then makes a finding, those k executions count at call site {@code unknown} in the finding
 * of the call site that ran past them, the total stays exact, and the finding's note says so.
 */
class UntracedRepeatsTest {

    private static final String ITEM_BY_ID = NPlusOneDetectionTest.ITEM_BY_ID;
    private static final String UNKNOWN = "unknown";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();
    private final NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon);

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @AfterEach
    void close() {
        recorder.close();
        perfMon.close();
    }

    /** One decorator, so one SQL cache and what it learned, for the whole test. */
    private PerfMonDataSource dataSource(TestDatabase db) {
        return PerfMonDataSource.builder(Items.pool(db), perfMon).name("main").nPlusOne(NPlusOneConfig.defaults()).build();
    }

    /** Runs {@code scopes} scopes, each loading the items {@code ids} one at a time from {@link #loadHeader}. */
    private void requests(PerfMonDataSource dataSource, int scopes, int... ids) throws SQLException {
        for (int request = 0; request < scopes; request++) {
            try (RequestScope scope = perfMon.openScope("GET /items/{id}"); Connection c = dataSource.getConnection()) {
                for (int id : ids) {
                    loadHeader(c, id);
                }
            }
        }
    }

    /** Loads one item from a place of its own: the statement's usual call site. */
    private static void loadHeader(Connection c, int id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(ITEM_BY_ID)) {
            p.setInt(1, id);
            p.executeQuery().close();
        }
    }

    /** Runs one scope looking items {@code 1..count} up in a loop: an N+1 from {@link #lookUp}. */
    private NPlusOneDetected loop(PerfMonDataSource dataSource, int count) throws SQLException {
        int before = recorder.nPlusOnes().size();
        try (RequestScope scope = perfMon.openScope("GET /items"); Connection c = dataSource.getConnection()) {
            lookUp(c, count);
        }
        assertThat(recorder.nPlusOnes()).hasSize(before + 1);
        return recorder.nPlusOnes().get(before);
    }

    private static void lookUp(Connection c, int count) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(ITEM_BY_ID)) {
            for (int id = 1; id <= count; id++) {
                p.setInt(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
    }

    private static String loopSite() {
        return SourceLines.callSite(UntracedRepeatsTest.class, "lookUp", "try (ResultSet rs = p.executeQuery())");
    }

    private static String note(int untraced) {
        return untraced + " executions count at call site unknown: the statement had run at most " + untraced
                + " times per scope until now, so its first " + untraced + " executions here were not traced";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aShapeThatRanThreeTimesPerScopeForLongLeavesItsFirstThreeUntracedAndAnNPlusOneStillCountsThem(TestDatabase db)
            throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        requests(dataSource, 64, 1, 2, 3);
        recorder.assertNone();

        NPlusOneDetected first = loop(dataSource, 8);
        NPlusOneDetected second = loop(dataSource, 8);

        // The first 3 lookups were not traced: they count at unknown, never at the loop nor at the
        // header loads, and join the loop's finding so its count is the statement's exact total.
        assertThat(first.count()).isEqualTo(8);
        assertThat(first.distinctParameterSets()).isEqualTo(8);
        assertThat(first.callSite()).isEqualTo(loopSite());
        assertThat(first.callSites()).containsExactly(Map.entry(loopSite(), 5), Map.entry(UNKNOWN, 3));
        assertThat(first.note()).isEqualTo(note(3));
        assertThat(first.summary()).endsWith("(" + note(3) + ")");
        // A scope that came near a finding is not quiet: the next one traces every execution again.
        assertThat(second.callSites()).containsExactly(Map.entry(loopSite(), 8));
        assertThat(second.note()).isNull();
        assertThat(registry.get("perfmon.nplusone").tags("method", "GET", "uri", "/items").tag("datasource", "main")
                .counter().count()).isEqualTo(2.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aShapeThatRanOncePerScopeForLongLeavesItsFirstExecutionUntraced(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        requests(dataSource, 64, 5);

        NPlusOneDetected first = loop(dataSource, 6);
        NPlusOneDetected second = loop(dataSource, 6);

        assertThat(first.count()).isEqualTo(6);
        assertThat(first.callSites()).containsExactly(Map.entry(loopSite(), 5), Map.entry(UNKNOWN, 1));
        assertThat(first.note()).isEqualTo("1 execution counts at call site unknown: the statement had run once per"
                + " scope until now, so its first execution here was not traced");
        assertThat(second.callSites()).containsExactly(Map.entry(loopSite(), 6));
        assertThat(second.note()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whatIsLearnedIsTheMostOfTheLast64ScopesNotOfAllTime(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        requests(dataSource, 64, 1, 2, 3, 4);
        requests(dataSource, 64, 1, 2);

        NPlusOneDetected finding = loop(dataSource, 7);

        // Four per scope has left the window: only the first 2 are untraced.
        assertThat(finding.count()).isEqualTo(7);
        assertThat(finding.callSites()).containsExactly(Map.entry(loopSite(), 5), Map.entry(UNKNOWN, 2));
        assertThat(finding.note()).isEqualTo(note(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aShapeWhoseParameterSetRepeatsKeepsBeingTraced(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        // Two loads of the same item per scope: below the duplicate threshold of 3, so no finding.
        requests(dataSource, 80, 1, 1);
        recorder.assertNone();

        NPlusOneDetected finding = loop(dataSource, 6);

        assertThat(finding.callSites()).containsExactly(Map.entry(loopSite(), 6));
        assertThat(finding.note()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aShapeThatReachedTheThresholdIsTracedUntil64QuietScopesFollow(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db);
        requests(dataSource, 10, 1, 2, 3);
        NPlusOneDetected early = loop(dataSource, 5);
        requests(dataSource, 63, 1, 2, 3);
        NPlusOneDetected within = loop(dataSource, 6);
        requests(dataSource, 64, 1, 2, 3);
        NPlusOneDetected after = loop(dataSource, 7);

        // Not learned yet (10 scopes), then a loop of 5 within the last 64 scopes: both exact.
        assertThat(early.callSites()).containsExactly(Map.entry(loopSite(), 5));
        assertThat(within.callSites()).containsExactly(Map.entry(loopSite(), 6));
        assertThat(within.note()).isNull();
        // 64 quiet scopes of 3 since the last loop: learned again.
        assertThat(after.count()).isEqualTo(7);
        assertThat(after.callSites()).containsExactly(Map.entry(loopSite(), 4), Map.entry(UNKNOWN, 3));
        assertThat(after.note()).isEqualTo(note(3));
    }
}
