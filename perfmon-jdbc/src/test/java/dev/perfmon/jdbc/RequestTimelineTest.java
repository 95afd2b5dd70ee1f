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

/** A sampled request's timeline on a real pool: the connection wait and each statement's shape, never its values. */
class RequestTimelineTest {

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
}
