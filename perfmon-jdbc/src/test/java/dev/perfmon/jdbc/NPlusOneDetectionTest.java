package dev.perfmon.jdbc;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.event.Severity;
import dev.perfmon.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The detector's rules on plain JDBC over HikariCP, H2 and PostgreSQL: thresholds, parameter
 * sets, call sites, duplicates, allowlists, pauses, severity and the strict test-suite mode.
 */
class NPlusOneDetectionTest extends DetectorTestBase {

    static final String ITEM_BY_ID = "select name from nplus_items where id = ?";

    private PerfMonDataSource dataSource(TestDatabase db, NPlusOneConfig config) {
        return PerfMonDataSource.builder(Items.pool(db), perfMon).name("main").nPlusOne(config).build();
    }

    /** Looks items up one by one, as a loop over a previous result would. */
    static void lookUp(Connection c, int... ids) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(ITEM_BY_ID)) {
            for (int id : ids) {
                p.setInt(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
    }

    private static String site(String method, String code) {
        return SourceLines.callSite(NPlusOneDetectionTest.class, method, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void fiveLookupsWithDifferentParametersFromOneCallSiteAreAnNPlusOne(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        try (RequestScope scope = perfMon.openScope("GET /orders/{id}"); Connection c = dataSource.getConnection()) {
            lookUp(c, 1, 2, 3, 4, 5);
        }

        assertThat(recorder.duplicates()).isEmpty();
        assertThat(recorder.nPlusOnes()).hasSize(1);
        NPlusOneDetected finding = recorder.nPlusOnes().get(0);
        assertThat(finding.route()).isEqualTo("GET /orders/{id}");
        assertThat(finding.dataSource()).isEqualTo("main");
        assertThat(finding.fingerprint()).isEqualTo(ITEM_BY_ID);
        assertThat(finding.count()).isEqualTo(5);
        assertThat(finding.distinctParameterSets()).isEqualTo(5);
        assertThat(finding.association()).isNull();
        assertThat(finding.suggestion()).contains("a join or an IN list");
        assertThat(finding.callSite()).isEqualTo(site("lookUp", "try (ResultSet rs = p.executeQuery())"));
        assertThat(finding.kind()).isEqualTo("nplusone");
        assertThat(finding.timestamp()).isNotNull();
        assertThat(registry.get("perfmon.nplusone").tags("method", "GET", "uri", "/orders/{id}").tag("datasource", "main")
                .counter().count()).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void fourLookupsStayBelowTheDefaultThresholdButFailAStrictTestSuite(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /a"); Connection c = dataSource(db, NPlusOneConfig.defaults())
                .getConnection()) {
            lookUp(c, 1, 2, 3, 4);
        }
        recorder.assertNone();

        try (RequestScope scope = perfMon.openScope("test:strict");
             Connection c = dataSource(db, NPlusOneConfig.strict()).getConnection()) {
            lookUp(c, 1, 2);
        }
        assertThatThrownBy(recorder::assertNone)
                .isInstanceOf(NPlusOneAssertionError.class)
                .hasMessageContaining("1 statement pattern to fix:")
                .hasMessageContaining("nplusone: test:strict: N+1 query, 2 executions with 2 parameter sets")
                .hasMessageContaining(ITEM_BY_ID);
        assertThat(((NPlusOneAssertionError) catchError(recorder::assertNoNPlusOne)).findings()).hasSize(1);
    }

    private static Throwable catchError(Runnable assertion) {
        try {
            assertion.run();
        } catch (AssertionError e) {
            return e;
        }
        throw new AssertionError("expected the assertion to fail");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void plainStatementsWithLiteralsCountTheirLiteralsAsParameters(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /b");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection();
             Statement s = c.createStatement()) {
            for (int id = 1; id <= 6; id++) {
                s.executeQuery("SELECT name FROM nplus_items WHERE id = " + id).close();
            }
        }

        NPlusOneDetected finding = recorder.nPlusOnes().get(0);
        assertThat(recorder.nPlusOnes()).hasSize(1);
        assertThat(finding.fingerprint()).isEqualTo("select name from nplus_items where id = ?");
        assertThat(finding.count()).isEqualTo(6);
        assertThat(finding.distinctParameterSets()).isEqualTo(6);
        assertThat(finding.callSite()).isEqualTo(site("plainStatementsWithLiteralsCountTheirLiteralsAsParameters",
                "s.executeQuery(\"SELECT name FROM nplus_items WHERE id = \""));
        assertThat(finding.toString()).doesNotContain("id = 3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void identicalParametersMakeADuplicateQueryRatherThanAnNPlusOne(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /c");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection()) {
            lookUp(c, 7, 7, 7, 7, 7, 7);
        }

        assertThat(recorder.nPlusOnes()).isEmpty();
        assertThat(recorder.duplicates()).hasSize(1);
        DuplicateQuery duplicate = recorder.duplicates().get(0);
        assertThat(duplicate.fingerprint()).isEqualTo(ITEM_BY_ID);
        assertThat(duplicate.count()).isEqualTo(6);
        assertThat(duplicate.distinctParameterSets()).isEqualTo(1);
        assertThat(duplicate.kind()).isEqualTo("duplicate.query");
        assertThat(duplicate.summary()).isEqualTo("GET /c: duplicate query, 6 executions with 1 parameter set ("
                + String.format(java.util.Locale.ROOT, "%.1f", duplicate.totalTime().toNanos() / 1e6) + " ms) at "
                + site("lookUp", "try (ResultSet rs = p.executeQuery())") + " [datasource main]: " + ITEM_BY_ID
                + " -- consider reusing the first result within the request instead of running the same statement"
                + " again");
        assertThat(registry.get("perfmon.duplicate.query").tags("method", "GET", "uri", "/c").counter().count()).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void repeatedLookupsOfSeveralValuesAreBothAnNPlusOneAndDuplicates(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /c2");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection()) {
            lookUp(c, 7, 7, 7, 1, 1, 2);
        }
        assertThat(recorder.nPlusOnes()).hasSize(1);
        assertThat(recorder.nPlusOnes().get(0).count()).isEqualTo(6);
        assertThat(recorder.nPlusOnes().get(0).distinctParameterSets()).isEqualTo(3);
        assertThat(recorder.duplicates()).hasSize(1);
        assertThat(recorder.duplicates().get(0).count()).isEqualTo(5);
        assertThat(recorder.duplicates().get(0).distinctParameterSets()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachCallSiteIsItsOwnPattern(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /d");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection();
             PreparedStatement p = c.prepareStatement(ITEM_BY_ID)) {
            for (int id = 1; id <= 5; id++) {
                p.setInt(1, id);
                p.executeQuery().close();
            }
            for (int id = 6; id <= 9; id++) {
                p.setInt(1, id);
                p.executeQuery().close();
            }
        }

        assertThat(recorder.nPlusOnes()).hasSize(1);
        NPlusOneDetected finding = recorder.nPlusOnes().get(0);
        assertThat(finding.count()).isEqualTo(5);
        // The first loop's line: the second loop ran from a line of its own, four times only.
        assertThat(finding.callSite()).isEqualTo(site("eachCallSiteIsItsOwnPattern", "p.executeQuery().close();"));
    }

    /** Loads one item from a place of its own, before any loop runs the same statement. */
    static void loadHeader(Connection c, int id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(ITEM_BY_ID)) {
            p.setInt(1, id);
            p.executeQuery().close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLoopOfFourAfterOneLoadFromElsewhereIsFourAtTheLoopNotFive(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /e");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection()) {
            loadHeader(c, 1);
            lookUp(c, 2, 3, 4, 5);
        }
        // 1 at loadHeader + 4 at lookUp: neither place reaches 5 executions.
        recorder.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachCallSiteCountsExactlyItsOwnExecutions(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /f");
             Connection c = dataSource(db, NPlusOneConfig.strict()).getConnection()) {
            loadHeader(c, 1);
            lookUp(c, 2, 3, 4, 5, 6);
            loadHeader(c, 7);
        }

        // Strict mode reports both places: 2 header loads and 5 lookups, each with its own count.
        String header = site("loadHeader", "p.executeQuery().close();");
        String loop = site("lookUp", "try (ResultSet rs = p.executeQuery())");
        assertThat(recorder.nPlusOnes()).extracting(f -> f.callSite() + "=" + f.count() + " " + f.callSites())
                .containsExactlyInAnyOrder(loop + "=5 {" + loop + "=5}", header + "=2 {" + header + "=2}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDuplicateCountsOnlyTheExecutionsOfItsOwnCallSite(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /g");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection()) {
            loadHeader(c, 1);
            lookUp(c, 1, 1);
        }
        // Item 1 ran three times, but twice only from the loop: below the duplicate threshold of 3.
        recorder.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void allowlistedCallSitesAndStatementsAreNotReported(TestDatabase db) throws SQLException {
        NPlusOneConfig bySite = NPlusOneConfig.builder()
                .allowCallSite(NPlusOneDetectionTest.class.getName() + ".lookUp").build();
        try (RequestScope scope = perfMon.openScope("GET /e"); Connection c = dataSource(db, bySite).getConnection()) {
            lookUp(c, 1, 2, 3, 4, 5, 6);
        }
        NPlusOneConfig bySql = NPlusOneConfig.builder().allowSql("from nplus_items where id").build();
        try (RequestScope scope = perfMon.openScope("GET /e"); Connection c = dataSource(db, bySql).getConnection()) {
            lookUp(c, 1, 2, 3, 4, 5, 6, 6, 6);
        }
        recorder.assertNone();
        assertThat(registry.find("perfmon.nplusone").counters()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void pausedLoopsAreLeftOutAndDetectionResumesAfterwards(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        try (RequestScope scope = perfMon.openScope("job:reindex"); Connection c = dataSource.getConnection()) {
            try (NPlusOne.Pause outer = NPlusOne.pause(perfMon)) {
                NPlusOne.Pause inner = NPlusOne.pause(scope);
                lookUp(c, 1, 2, 3);
                inner.resume();
                inner.resume();
                lookUp(c, 4, 5, 6);
            }
            assertThat(scope.counter(dev.perfmon.core.ScopeCounter.STATEMENTS)).isEqualTo(6);
            lookUp(c, 11, 12, 13, 14, 15);
        }

        assertThat(recorder.nPlusOnes()).hasSize(1);
        assertThat(recorder.nPlusOnes().get(0).count()).isEqualTo(5);
        assertThat(NPlusOne.pause(perfMon)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void batchedLookupsWithInListsAndPaginationLoopsAreNotNPlusOne(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db, NPlusOneConfig.strict());
        try (RequestScope scope = perfMon.openScope("job:sync"); Connection c = dataSource.getConnection()) {
            try (PreparedStatement chunk = c.prepareStatement("select name from nplus_items where id in (?, ?, ?, ?)")) {
                for (int first = 1; first <= 20; first += 4) {
                    for (int k = 0; k < 4; k++) {
                        chunk.setInt(k + 1, first + k);
                    }
                    chunk.executeQuery().close();
                }
            }
            try (PreparedStatement page = c.prepareStatement(
                    "select name from nplus_items where price > ? order by id limit ? offset ?")) {
                for (int offset = 0; offset < 20; offset += 5) {
                    page.setInt(1, 0);
                    page.setInt(2, 5);
                    page.setInt(3, offset);
                    page.executeQuery().close();
                }
            }
            try (Statement s = c.createStatement()) {
                for (int offset = 0; offset < 20; offset += 5) {
                    s.executeQuery("select name from nplus_items order by id limit 5 offset " + offset).close();
                }
            }
        }
        recorder.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLimitedLookupPerRowIsStillAnNPlusOne(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /f");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection();
             PreparedStatement p = c.prepareStatement("select name from nplus_items where id >= ? order by id limit ?")) {
            for (int id = 1; id <= 5; id++) {
                p.setInt(1, id);
                p.setInt(2, 1);
                p.executeQuery().close();
            }
        }
        assertThat(recorder.nPlusOnes()).hasSize(1);
        assertThat(recorder.nPlusOnes().get(0).distinctParameterSets()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPerRowLookupWithThePagingShapeIsAnNPlusOneWhenItsCursorDoesNotAdvance(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /orders/{id}/neighbours");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection();
             PreparedStatement p = c.prepareStatement("select id, name from nplus_items where id >= ? order by id limit ?")) {
            // One "next two items" lookup per order line, in the order lines come: 7, 3, 12, 1, 9.
            for (int id : new int[] {7, 3, 12, 1, 9}) {
                p.setInt(1, id);
                p.setInt(2, 2);
                p.executeQuery().close();
            }
        }

        NPlusOneDetected finding = single(recorder.nPlusOnes());
        assertThat(finding.count()).isEqualTo(5);
        assertThat(finding.distinctParameterSets()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keysetPagingThatAdvancesIsPagingEvenWhenItStartsOverOrAlsoFiltersByARange(TestDatabase db)
            throws SQLException {
        try (RequestScope scope = perfMon.openScope("job:export");
             Connection c = dataSource(db, NPlusOneConfig.strict()).getConnection();
             PreparedStatement page = c.prepareStatement(
                     "select id, name from nplus_items where price >= ? and id > ? order by id limit ?")) {
            for (int pass = 0; pass < 2; pass++) {
                long cursor = 0;
                int rows;
                do {
                    page.setInt(1, 30 + 10 * pass);
                    page.setLong(2, cursor);
                    page.setInt(3, 4);
                    rows = 0;
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            cursor = rs.getLong(1);
                            rows++;
                        }
                    }
                } while (rows == 4);
                assertThat(cursor).isEqualTo(Items.COUNT);
            }
        }
        // Two passes (items from price 30, then from 40): the id cursor advances and restarts at 0 once,
        // the price floor is a plain filter.
        recorder.assertNone();
    }

    private static <T> T single(List<T> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPerRowLookupThatAlsoFiltersByAFixedListIsStillAnNPlusOne(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /h");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection();
             PreparedStatement p = c.prepareStatement(
                     "select name from nplus_items where id = ? and name not in ('archived', 'deleted')")) {
            for (int id = 1; id <= 6; id++) {
                p.setInt(1, id);
                p.executeQuery().close();
            }
        }
        assertThat(recorder.nPlusOnes()).hasSize(1);
        assertThat(recorder.nPlusOnes().get(0).count()).isEqualTo(6);
        assertThat(recorder.nPlusOnes().get(0).distinctParameterSets()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void totalTimeAgainstTheFloorSetsTheSeverity(TestDatabase db) throws SQLException {
        NPlusOneConfig highFloor = NPlusOneConfig.builder().severityFloor(Duration.ofHours(1)).build();
        NPlusOneConfig noFloor = NPlusOneConfig.builder().severityFloor(Duration.ZERO).build();
        for (NPlusOneConfig config : List.of(highFloor, noFloor)) {
            try (RequestScope scope = perfMon.openScope("GET /g"); Connection c = dataSource(db, config).getConnection()) {
                lookUp(c, 1, 2, 3, 4, 5);
            }
        }
        assertThat(recorder.nPlusOnes()).extracting(NPlusOneDetected::severity)
                .containsExactly(Severity.INFO, Severity.WARNING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nothingIsAnalysedWhenDetectionIsDisabledOrNoScopeIsOpen(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /h");
             Connection c = dataSource(db, NPlusOneConfig.disabled()).getConnection()) {
            lookUp(c, 1, 2, 3, 4, 5, 5, 5);
            assertThat(scope.counter(dev.perfmon.core.ScopeCounter.STATEMENTS)).isEqualTo(7);
        }
        try (Connection c = dataSource(db, NPlusOneConfig.strict()).getConnection()) {
            lookUp(c, 1, 2, 3, 4, 5, 5, 5);
        }
        recorder.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void routesSetLateAreTheOnesReportedAndTwoScopesNeverMix(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        try (RequestScope scope = perfMon.openScope("GET"); Connection c = dataSource.getConnection()) {
            lookUp(c, 1, 2, 3);
            scope.route("GET /items/{id}");
            lookUp(c, 4, 5);
        }
        try (RequestScope scope = perfMon.openScope("GET /other"); Connection c = dataSource.getConnection()) {
            lookUp(c, 1, 2, 3, 4);
        }
        assertThat(recorder.nPlusOnes()).extracting(NPlusOneDetected::route).containsExactly("GET /items/{id}");
        assertThat(recorder.nPlusOnes().get(0).count()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void jdbcBatchesAreOneUnitOfWorkNeverAnNPlusOneNorADuplicate(TestDatabase db) throws SQLException {
        Databases.execute(db, "drop table if exists nplus_batch", "create table nplus_batch (id int primary key, note varchar(20))");
        long statements;
        try (RequestScope scope = perfMon.openScope("POST /import");
             Connection c = dataSource(db, NPlusOneConfig.strict()).getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("insert into nplus_batch (id, note) values (?, ?)")) {
                for (int id = 1; id <= 100; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "row " + id);
                    insert.addBatch();
                    if (id % 20 == 0) {
                        assertThat(insert.executeBatch()).hasSize(20);
                    }
                }
            }
            try (Statement plain = c.createStatement()) {
                for (int round = 0; round < 3; round++) {
                    plain.addBatch("update nplus_batch set note = 'x' where id = " + (round + 1));
                    plain.addBatch("update nplus_batch set note = 'y' where id = " + (round + 2));
                    plain.executeBatch();
                }
            }
            statements = scope.counter(dev.perfmon.core.ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(5 + 3);
        recorder.assertNone();
        assertThat(registry.get("jdbc.batch.size").tag("datasource", "main").summary().count()).isEqualTo(8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sequenceFetchesRepeatByDesignAndAreNeverDuplicates(TestDatabase db) throws SQLException {
        Databases.execute(db, "drop sequence if exists nplus_seq", "create sequence nplus_seq");
        String next = db.isPostgres() ? "select nextval('nplus_seq')" : "select next value for nplus_seq";
        try (RequestScope scope = perfMon.openScope("POST /orders");
             Connection c = dataSource(db, NPlusOneConfig.strict()).getConnection();
             PreparedStatement fetch = c.prepareStatement(next)) {
            long previous = 0;
            for (int row = 0; row < 6; row++) {
                try (ResultSet rs = fetch.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isGreaterThan(previous);
                    previous = rs.getLong(1);
                }
            }
        }
        recorder.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void chunksWithAFixedFilterAreBatchedButAnInListOfEachRowsOwnKeysIsAnNPlusOne(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("GET /chunks");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection();
             PreparedStatement chunk = c.prepareStatement(
                     "select name from nplus_items where price > ? and id in (?, ?, ?, ?, ?)")) {
            for (int first = 1; first <= 20; first += 5) {
                chunk.setInt(1, 0);
                for (int k = 0; k < 5; k++) {
                    chunk.setInt(k + 2, first + k);
                }
                chunk.executeQuery().close();
            }
        }
        recorder.assertNone();

        try (RequestScope scope = perfMon.openScope("GET /rows");
             Connection c = dataSource(db, NPlusOneConfig.defaults()).getConnection();
             PreparedStatement perRow = c.prepareStatement("select name from nplus_items where id in (?, ?)")) {
            for (int row = 1; row <= 8; row++) {
                perRow.setInt(1, row);
                perRow.setInt(2, row + 10);
                perRow.executeQuery().close();
            }
        }
        NPlusOneDetected finding = recorder.nPlusOnes().get(0);
        assertThat(recorder.nPlusOnes()).hasSize(1);
        assertThat(finding.route()).isEqualTo("GET /rows");
        assertThat(finding.count()).isEqualTo(8);
        assertThat(finding.fingerprint()).isEqualTo("select name from nplus_items where id in (?)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keysetPagingLoopsOfSeveralStylesAreNotNPlusOne(TestDatabase db) throws SQLException {
        try (RequestScope scope = perfMon.openScope("job:keyset");
             Connection c = dataSource(db, NPlusOneConfig.strict()).getConnection()) {
            try (PreparedStatement page = c.prepareStatement(
                    "select id, name from nplus_items where id > ? order by id limit ?")) {
                int cursor = 0;
                for (int round = 0; round < 4; round++) {
                    page.setInt(1, cursor);
                    page.setInt(2, 5);
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            cursor = rs.getInt(1);
                        }
                    }
                }
                assertThat(cursor).isEqualTo(Items.COUNT);
            }
            try (PreparedStatement page = c.prepareStatement(
                    "select id, name from nplus_items where price >= ? and id > ? order by id fetch first 5 rows only")) {
                int cursor = 0;
                for (int round = 0; round < 4; round++) {
                    page.setInt(1, 0);
                    page.setInt(2, cursor);
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            cursor = rs.getInt(1);
                        }
                    }
                }
                assertThat(cursor).isEqualTo(Items.COUNT);
            }
            try (PreparedStatement page = c.prepareStatement(
                    "select id, name from nplus_items where id < ? order by id desc limit 5")) {
                int cursor = Items.COUNT + 1;
                for (int round = 0; round < 4; round++) {
                    page.setInt(1, cursor);
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            cursor = rs.getInt(1);
                        }
                    }
                }
                assertThat(cursor).isEqualTo(1);
            }
        }
        recorder.assertNone();
    }
}
