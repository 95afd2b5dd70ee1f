package dev.perfmon.jdbc.corpus;

import dev.perfmon.jdbc.DetectorTestBase;

import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.jdbc.NPlusOne;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.SourceLines;
import dev.perfmon.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus of plain JDBC scenarios: each case runs hand-written SQL through HikariCP on H2 and
 * PostgreSQL against the pet {@link Clinic}'s tables and states the verdict the detector must
 * reach, the round trips that prove what ran, and the application line the finding points at.
 * Cases that must stay silent run in strict mode (an N+1 from 2 executions, a duplicate from 2)
 * unless the case is about the default thresholds.
 */
class JdbcCorpusTest extends DetectorTestBase {

    static final String PET_NAMES_OF_OWNER = "select name from corpus_pets where owner_id = ?";
    static final String OWNER_NAME = "select name from corpus_owners where id = ?";

    private DataSource dataSource(TestDatabase db, NPlusOneConfig config) {
        return PerfMonDataSource.builder(Clinic.on(db).pool, perfMon).name("clinic").nPlusOne(config).build();
    }

    // ---- one statement per row: N+1 -----------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void perRowSelectLoop(TestDatabase db) throws SQLException {
        DataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners"); Connection c = dataSource.getConnection();
             PreparedStatement pets = c.prepareStatement(PET_NAMES_OF_OWNER)) {
            int names = 0;
            for (long owner : ownerIds(c)) {
                pets.setLong(1, owner);
                names += count(pets.executeQuery());
            }
            assertThat(names).isEqualTo(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /owners", null, Clinic.OWNERS, site("perRowSelectLoop", "names += count(pets.executeQuery())"))
                .statement(PET_NAMES_OF_OWNER).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void perRowPlainStatementWithLiterals(TestDatabase db) throws SQLException {
        DataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners"); Connection c = dataSource.getConnection();
             Statement s = c.createStatement()) {
            int names = 0;
            for (long owner : ownerIds(c)) {
                names += count(s.executeQuery("select name from corpus_pets where owner_id = " + owner));
            }
            assertThat(names).isEqualTo(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // The literal is the parameter: 10 owners, 10 parameter sets of one statement shape.
        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /owners", null, Clinic.OWNERS,
                site("perRowPlainStatementWithLiterals", "names += count(s.executeQuery(")).statement(PET_NAMES_OF_OWNER)
                .verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void perRowInListOfEachRowsOwnKeys(TestDatabase db) throws SQLException {
        DataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/visits"); Connection c = dataSource.getConnection();
             PreparedStatement visits = c.prepareStatement(
                     "select description from corpus_visits where pet_id in (?, ?)")) {
            int descriptions = 0;
            for (long owner : ownerIds(c)) {
                visits.setLong(1, 2 * owner - 1);
                visits.setLong(2, 2 * owner);
                descriptions += count(visits.executeQuery());
            }
            assertThat(descriptions).isEqualTo(Clinic.VISITS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // Two keys per round trip, but one round trip per owner: 10 statements for 20 keys.
        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nPlusOne("GET /owners/visits", null, Clinic.OWNERS,
                site("perRowInListOfEachRowsOwnKeys", "descriptions += count(visits.executeQuery())"))
                .statement("select description from corpus_visits where pet_id in (?)").verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void latestRowPerParentWithLimitOne(TestDatabase db) throws SQLException {
        DataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /pets/last-visit"); Connection c = dataSource.getConnection();
             PreparedStatement latest = c.prepareStatement(
                     "select description from corpus_visits where pet_id = ? order by id desc limit 1")) {
            List<String> descriptions = new ArrayList<>();
            for (long pet = 1; pet <= Clinic.PETS; pet++) {
                latest.setLong(1, pet);
                try (ResultSet rs = latest.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    descriptions.add(rs.getString(1));
                }
            }
            assertThat(descriptions).startsWith("visit-2", "visit-4").endsWith("visit-40");
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // A page of one row per pet is a per-row lookup, not pagination.
        assertThat(statements).isEqualTo(Clinic.PETS);
        Expected.nPlusOne("GET /pets/last-visit", null, Clinic.PETS,
                site("latestRowPerParentWithLimitOne", "try (ResultSet rs = latest.executeQuery())")).verify(recorder);
    }

    // ---- several keys per round trip: nothing -----------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void inListChunksLeaveNothing(TestDatabase db) throws SQLException {
        DataSource dataSource = dataSource(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /pets"); Connection c = dataSource.getConnection();
             PreparedStatement chunk = c.prepareStatement("select name from corpus_pets where id in (?, ?, ?, ?, ?)")) {
            int names = 0;
            for (int first = 1; first <= Clinic.PETS; first += 5) {
                for (int k = 0; k < 5; k++) {
                    chunk.setLong(k + 1, first + k);
                }
                names += count(chunk.executeQuery());
            }
            assertThat(names).isEqualTo(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // 20 pets in 4 chunks of 5.
        assertThat(statements).isEqualTo(4);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void inListChunksWithAFixedFilterLeaveNothing(TestDatabase db) throws SQLException {
        DataSource dataSource = dataSource(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/madison"); Connection c = dataSource.getConnection();
             PreparedStatement chunk = c.prepareStatement(
                     "select name from corpus_owners where city = ? and id in (?, ?, ?, ?)")) {
            List<String> names = new ArrayList<>();
            for (int first = 1; first <= Clinic.OWNERS; first += 4) {
                chunk.setString(1, "Madison");
                for (int k = 0; k < 4; k++) {
                    // The last chunk is padded with NULLs, which match nothing.
                    if (first + k <= Clinic.OWNERS) {
                        chunk.setLong(k + 2, first + k);
                    } else {
                        chunk.setNull(k + 2, Types.BIGINT);
                    }
                }
                try (ResultSet rs = chunk.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            assertThat(names).containsExactlyInAnyOrder("owner-2", "owner-4", "owner-6", "owner-8", "owner-10");
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // 10 ids in chunks of 4, 4 and 2: the city is a filter, not a key.
        assertThat(statements).isEqualTo(3);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void arrayLookupWithEqualsAnyLeavesNothing(TestDatabase db) throws SQLException {
        DataSource dataSource = dataSource(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /pets"); Connection c = dataSource.getConnection();
             PreparedStatement chunk = c.prepareStatement("select name from corpus_pets where id = any(?)")) {
            int names = 0;
            for (long first = 1; first <= Clinic.PETS; first += 5) {
                Long[] ids = {first, first + 1, first + 2, first + 3, first + 4};
                Array array = c.createArrayOf(db.isPostgres() ? "bigint" : "BIGINT", ids);
                chunk.setArray(1, array);
                names += count(chunk.executeQuery());
            }
            assertThat(names).isEqualTo(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // 20 pets in 4 arrays of 5.
        assertThat(statements).isEqualTo(4);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void addBatchAndExecuteBatchLeaveNothing(TestDatabase db) throws SQLException {
        DataSource dataSource = dataSource(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("POST /visits/import"); Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into corpus_visits (id, description, pet_id, vet_id) values (?, ?, ?, ?)")) {
                for (long id = 2001; id <= 2100; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "imported-" + id);
                    insert.setLong(3, (id % Clinic.PETS) + 1);
                    insert.setLong(4, (id % Clinic.VETS) + 1);
                    insert.addBatch();
                    if (id % 20 == 0) {
                        assertThat(insert.executeBatch()).hasSize(20);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        // 100 inserts in 5 batches of 20.
        assertThat(statements).isEqualTo(5);
        Expected.nothing().verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void pausedLoopLeavesNothing(TestDatabase db) throws SQLException {
        DataSource dataSource = dataSource(db, NPlusOneConfig.strict());
        long statements;
        try (RequestScope scope = perfMon.openScope("job:rebuild-index"); Connection c = dataSource.getConnection();
             PreparedStatement pets = c.prepareStatement(PET_NAMES_OF_OWNER)) {
            List<Long> owners = ownerIds(c);
            int names = 0;
            // One statement per owner on purpose (an index rebuilt row by row): paused, still timed and counted.
            try (NPlusOne.Pause ignored = NPlusOne.pause(perfMon)) {
                for (long owner : owners) {
                    pets.setLong(1, owner);
                    names += count(pets.executeQuery());
                }
            }
            assertThat(names).isEqualTo(Clinic.PETS);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(1 + Clinic.OWNERS);
        Expected.nothing().verify(recorder);
    }

    // ---- the same parameters again: duplicate -----------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sameStatementWithSameParametersRepeated(TestDatabase db) throws SQLException {
        DataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/7"); Connection c = dataSource.getConnection()) {
            for (int widget = 0; widget < 3; widget++) {
                try (PreparedStatement owner = c.prepareStatement(OWNER_NAME)) {
                    owner.setLong(1, 7);
                    assertThat(count(owner.executeQuery())).isEqualTo(1);
                }
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(3);
        Expected.duplicate("GET /owners/7", null, 3,
                site("sameStatementWithSameParametersRepeated", "assertThat(count(owner.executeQuery()))"))
                .statement(OWNER_NAME).verify(recorder);
    }

    // ---- scopes and threads -------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void perRowLookupsOnWorkerThreadsCarryingTheScope(TestDatabase db) throws Exception {
        DataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        ExecutorService workers = Executors.newFixedThreadPool(3);
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /owners/parallel")) {
            ExecutorService propagating = perfMon.wrap(workers);
            List<Future<String>> names = new ArrayList<>();
            for (long id = 1; id <= Clinic.OWNERS; id++) {
                long owner = id;
                names.add(propagating.submit(() -> ownerName(dataSource, owner)));
            }
            for (Future<String> name : names) {
                assertThat(name.get(10, TimeUnit.SECONDS)).startsWith("owner-");
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        } finally {
            workers.shutdownNow();
        }

        assertThat(statements).isEqualTo(Clinic.OWNERS);
        Expected.nPlusOne("GET /owners/parallel", null, Clinic.OWNERS,
                ownerNameSite()).statement(OWNER_NAME).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void asynchronousRequestDetachedAndClosedOnAnotherThread(TestDatabase db) throws Exception {
        DataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            RequestScope scope = perfMon.openScope("GET /owners/async");
            assertThat(scope.detach()).isTrue();
            assertThat(perfMon.currentScope()).isNull();
            // The request thread is free; the work completes, and closes the scope, on the worker.
            CompletableFuture<Long> completed = CompletableFuture.supplyAsync(() -> {
                long statements;
                try {
                    scope.wrap(() -> {
                        for (long id = 1; id <= 6; id++) {
                            try {
                                ownerName(dataSource, id);
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }).run();
                    statements = scope.counter(ScopeCounter.STATEMENTS);
                } finally {
                    scope.close();
                }
                return statements;
            }, worker);
            assertThat(completed.get(10, TimeUnit.SECONDS)).isEqualTo(6);
        } finally {
            worker.shutdownNow();
        }

        Expected.nPlusOne("GET /owners/async", null, 6, ownerNameSite())
                .statement(OWNER_NAME).verify(recorder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrentScopesBelowTheThresholdNeverAddUp(TestDatabase db) throws Exception {
        DataSource dataSource = dataSource(db, NPlusOneConfig.defaults());
        ExecutorService requests = Executors.newFixedThreadPool(2);
        CyclicBarrier inStep = new CyclicBarrier(2);
        try {
            List<Future<Long>> statements = new ArrayList<>();
            for (int request = 0; request < 2; request++) {
                long firstOwner = 1 + 3L * request;
                statements.add(requests.submit(() -> {
                    try (RequestScope scope = perfMon.openScope("GET /owners/page")) {
                        for (long id = firstOwner; id < firstOwner + 3; id++) {
                            inStep.await(10, TimeUnit.SECONDS); // both requests interleave, lookup by lookup
                            ownerName(dataSource, id);
                        }
                        return scope.counter(ScopeCounter.STATEMENTS);
                    }
                }));
            }
            for (Future<Long> count : statements) {
                assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo(3);
            }
        } finally {
            requests.shutdownNow();
        }

        // 3 lookups per request from the same line: together 6, above the threshold of 5, but never together.
        Expected.nothing().verify(recorder);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** A repository method: one owner's name by id. */
    private static String ownerName(DataSource dataSource, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement owner = c.prepareStatement(OWNER_NAME)) {
            owner.setLong(1, id);
            try (ResultSet rs = owner.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    /** @return the call site of {@link #ownerName}'s query: the application frame of every lookup through it */
    private static String ownerNameSite() {
        int line = SourceLines.lineOf(JdbcCorpusTest.class, "String ownerName", "owner.executeQuery()");
        return SourceLines.callSite(JdbcCorpusTest.class, "ownerName", line);
    }

    private static List<Long> ownerIds(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id from corpus_owners order by id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        assertThat(ids).hasSize(Clinic.OWNERS);
        return ids;
    }

    /** Reads and closes {@code rs}. @return its rows */
    private static int count(ResultSet rs) throws SQLException {
        try (rs) {
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            return rows;
        }
    }

    /** @return the call site of the line holding {@code code} in method {@code method} of this class */
    private static String site(String method, String code) {
        return SourceLines.callSite(JdbcCorpusTest.class, method, code);
    }
}
