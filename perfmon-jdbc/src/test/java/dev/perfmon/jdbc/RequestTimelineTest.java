package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestSample;
import dev.perfmon.core.RequestSampling;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.TimelineEntry;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sampled request's timeline on a real pool: the connection wait and each statement's shape,
 * never its values, and the rows a statement changed as the driver reported them (update counts,
 * {@code execute} followed by its count, batch sums); queries carry none
 * ({@link TimelineEntry#NO_ROWS}).
 */
class RequestTimelineTest {

    private static final String WRITE_ROUTE = "POST /orders/{id}";
    /** Three rows in group 1, two in group 2. */
    private static final String[] TABLE = {
        "drop table if exists timeline_rows",
        "create table timeline_rows (id int primary key, grp int not null, done int not null)",
        "insert into timeline_rows (id, grp, done) values (1, 1, 0), (2, 1, 0), (3, 1, 0), (4, 2, 0), (5, 2, 0)"};
    private static final String UPDATE_GROUP = "update timeline_rows set done = done + 1 where grp = ?";

    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build())
            .requestSampling(RequestSampling.builder().every(1).build())
            .build();

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @AfterEach
    void close() {
        perfMon.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSampleHoldsThePoolWaitAndEachStatementShapeWithoutParameters(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = PerfMonDataSource.builder(Items.pool(db), perfMon).name("main").build();
        try (RequestScope ignored = perfMon.openScope("GET /items/{id}")) {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("select name from nplus_items where id = ?")) {
                    ps.setInt(1, 17);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                    }
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select price from nplus_items where name = 'item-13'")) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }

        RequestSample sample = perfMon.requestSamples().forRoute("GET /items/{id}").get(0);
        List<TimelineEntry> timeline = sample.timeline();
        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly("db.pool", "db.query", "db.query");
        assertThat(timeline.get(1).label()).isEqualTo("select name from nplus_items where id = ?");
        assertThat(timeline.get(2).label()).isEqualTo("select price from nplus_items where name = ?");
        assertThat(timeline.get(1).offsetNanos()).isGreaterThanOrEqualTo(timeline.get(0).offsetNanos() + timeline.get(0).durationNanos());
        assertThat(timeline.get(2).offsetNanos()).isGreaterThanOrEqualTo(timeline.get(1).offsetNanos() + timeline.get(1).durationNanos());
        assertThat(timeline).allSatisfy(entry -> assertThat(entry.durationNanos()).isPositive());
        assertThat(timeline).extracting(TimelineEntry::label).noneMatch(label -> label != null
                && (label.contains("17") || label.contains("item-13")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anNPlusOneFoundWhenTheRequestClosesIsNotedOnItsSample(TestDatabase db) throws SQLException {
        perfMon.addListener(event -> { }); // findings are published only while someone listens
        PerfMonDataSource dataSource = PerfMonDataSource.builder(Items.pool(db), perfMon).name("main").build();
        try (RequestScope ignored = perfMon.openScope("GET /orders/{id}"); Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select name from nplus_items where id = ?")) {
            for (int id = 1; id <= 6; id++) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }

        RequestSample sample = perfMon.requestSamples().forRoute("GET /orders/{id}").get(0);
        assertThat(sample.timeline()).filteredOn(step -> step.kind().equals("db.query")).hasSize(6);
        assertThat(sample.findings()).hasSize(1);
        assertThat(sample.findings().get(0)).startsWith("nplusone: ").contains("select name from nplus_items where id = ?");
    }

    private PerfMonDataSource rowsTable(TestDatabase db) {
        Databases.execute(db, TABLE);
        return PerfMonDataSource.builder(Databases.pool(db), perfMon).name("main").build();
    }

    /** @return the statements of the request just sampled */
    private List<TimelineEntry> writeStatements() {
        return perfMon.requestSamples().forRoute(WRITE_ROUTE).get(0).timeline().stream()
                .filter(step -> step.kind().equals("db.query")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUpdateCarriesTheRowsItChanged(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = rowsTable(db);
        try (RequestScope ignored = perfMon.openScope(WRITE_ROUTE); Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(UPDATE_GROUP)) {
            ps.setInt(1, 1);
            assertThat(ps.executeUpdate()).isEqualTo(3);
            ps.setInt(1, 2);
            assertThat(ps.executeLargeUpdate()).isEqualTo(2);
        }

        assertThat(writeStatements()).extracting(TimelineEntry::rows).containsExactly(3L, 2L);
        assertThat(writeStatements()).extracting(TimelineEntry::label)
                .containsOnly("update timeline_rows set done = done + ? where grp = ?");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void executeCarriesTheUpdateCountAndLeavesItToTheCallerToo(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = rowsTable(db);
        try (RequestScope ignored = perfMon.openScope(WRITE_ROUTE); Connection c = dataSource.getConnection();
             Statement s = c.createStatement()) {
            assertThat(s.execute("update timeline_rows set done = 7 where grp = 1")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(3);
        }

        assertThat(writeStatements()).extracting(TimelineEntry::rows).containsExactly(3L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchCarriesTheSumOfItsUpdateCounts(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = rowsTable(db);
        try (RequestScope ignored = perfMon.openScope(WRITE_ROUTE); Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(UPDATE_GROUP)) {
                ps.setInt(1, 2);
                ps.addBatch();
                ps.setInt(1, 1);
                ps.addBatch();
                assertThat(ps.executeBatch()).containsExactly(2, 3);
            }
            try (Statement s = c.createStatement()) {
                s.addBatch("update timeline_rows set done = 0 where grp = 2");
                s.addBatch("update timeline_rows set done = 0 where grp = 1");
                assertThat(s.executeLargeBatch()).containsExactly(2L, 3L);
            }
        }

        assertThat(writeStatements()).extracting(TimelineEntry::rows).containsExactly(5L, 5L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aQueryCarriesNoRows(TestDatabase db) throws SQLException {
        PerfMonDataSource dataSource = rowsTable(db);
        try (RequestScope ignored = perfMon.openScope(WRITE_ROUTE); Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select id from timeline_rows where grp = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            try (Statement s = c.createStatement()) {
                assertThat(s.execute("select id from timeline_rows where grp = 2")).isTrue();
            }
        }

        assertThat(writeStatements()).hasSize(2).extracting(TimelineEntry::rows)
                .containsOnly(TimelineEntry.NO_ROWS);
    }
}
