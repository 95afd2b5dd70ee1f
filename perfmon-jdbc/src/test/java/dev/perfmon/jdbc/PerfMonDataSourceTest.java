package dev.perfmon.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.core.Segment;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The decorator's contract on HikariCP over H2 and PostgreSQL: meters, scope time, wrapping. */
class PerfMonDataSourceTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @AfterEach
    void close() {
        perfMon.close();
    }

    private PerfMonDataSource decorate(TestDatabase db) {
        return PerfMonDataSource.builder(Items.pool(db), perfMon).name("main").build();
    }

    private long count(String type, String outcome) {
        Timer timer = registry.find("jdbc.query").tag("datasource", "main").tag("type", type).tag("outcome", outcome)
                .timer();
        return timer == null ? -1 : timer.count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyRoundTripIsTimedByStatementTypeAndOutcome(TestDatabase db) throws SQLException {
        try (Connection c = decorate(db).getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("delete from nplus_scratch");
                try (ResultSet rs = s.executeQuery("select count(*) from nplus_items")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(Items.COUNT);
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into nplus_scratch (id, note) values (?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, "one");
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE nplus_scratch SET note = ? WHERE id = ?")) {
                update.setString(1, "uno");
                update.setInt(2, 1);
                assertThat(update.execute()).isFalse();
            }
            try (PreparedStatement delete = c.prepareStatement("/* cleanup */ delete from nplus_scratch where id = ?")) {
                delete.setInt(1, 1);
                assertThat(delete.executeLargeUpdate()).isEqualTo(1L);
            }
            try (PreparedStatement select = c.prepareStatement(
                    "with cheap as (select id from nplus_items where price < ?) select count(*) from cheap")) {
                select.setInt(1, 50);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(4);
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("create index if not exists nplus_items_price on nplus_items (price)");
            }
        }

        assertThat(count("select", "success")).isEqualTo(2);
        assertThat(count("insert", "success")).isEqualTo(1);
        assertThat(count("update", "success")).isEqualTo(1);
        assertThat(count("delete", "success")).isEqualTo(2);
        assertThat(count("other", "success")).isEqualTo(1);
        assertThat(count("select", "error")).isZero();
        assertThat(registry.find("jdbc.query").timers()).hasSize(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void driverExceptionsPassThroughUnchangedAndCountAsErrors(TestDatabase db) throws SQLException {
        SQLException raw;
        try (Connection c = Items.pool(db).getConnection(); Statement s = c.createStatement()) {
            raw = catchThrowableOfType(SQLException.class, () -> s.executeQuery("select nope from nplus_items"));
        }
        try (Connection c = decorate(db).getConnection()) {
            try (Statement s = c.createStatement()) {
                SQLException wrapped = catchThrowableOfType(SQLException.class,
                        () -> s.executeQuery("select nope from nplus_items"));
                assertThat((Throwable) wrapped).isExactlyInstanceOf(raw.getClass()).hasMessage(raw.getMessage());
                assertThat(wrapped.getSQLState()).isEqualTo(raw.getSQLState());
            }
            try (PreparedStatement p = c.prepareStatement("insert into nplus_items (id, name, price) values (?, ?, ?)")) {
                p.setInt(1, 1);
                p.setString(2, "duplicate key");
                p.setInt(3, 1);
                assertThatThrownBy(p::executeUpdate).isInstanceOf(SQLException.class);
            }
        }
        assertThat(count("select", "error")).isEqualTo(1);
        assertThat(count("insert", "error")).isEqualTo(1);
        assertThat(count("select", "success")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sqlTheNormalizerCannotReadIsStillRunAndCountedAndAMegabyteStatementToo(TestDatabase db) throws SQLException {
        // An unbalanced quote and a stray parenthesis: the database rejects it, perfmon still counts it.
        String broken = "select name from nplus_items where name = 'unterminated ) (";
        StringBuilder huge = new StringBuilder("select count(*) from nplus_items where id in (");
        for (int id = 0; huge.length() < 1_000_000; id++) {
            huge.append(id).append(", ");
        }
        huge.append("-1)");
        try (RequestScope scope = perfMon.openScope("GET /odd"); Connection c = decorate(db).getConnection();
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery(broken)).isInstanceOf(SQLException.class);
            try (ResultSet rs = s.executeQuery(huge.toString())) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(scope.counter(ScopeCounter.STATEMENTS)).isEqualTo(2);
        }
        assertThat(count("select", "error")).isEqualTo(1);
        assertThat(count("select", "success")).isEqualTo(1);
        assertThat(registry.find("jdbc.query").timers()).allSatisfy(t ->
                assertThat(t.getId().getTags()).allSatisfy(tag -> assertThat(tag.getValue()).hasSizeLessThan(20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchIsOneRoundTripWithItsSizeRecorded(TestDatabase db) throws SQLException {
        long statements;
        try (RequestScope scope = perfMon.openScope("job:import"); Connection c = decorate(db).getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("delete from nplus_scratch");
            }
            try (PreparedStatement insert = c.prepareStatement("insert into nplus_scratch (id, note) values (?, ?)")) {
                for (int i = 1; i <= 25; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "row " + i);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).hasSize(25);
            }
            try (Statement s = c.createStatement()) {
                s.addBatch("update nplus_scratch set note = 'a' where id = 1");
                s.addBatch("update nplus_scratch set note = 'b' where id = 2");
                s.addBatch("update nplus_scratch set note = 'c' where id = 3");
                assertThat(s.executeLargeBatch()).hasSize(3);
                s.addBatch("delete from nplus_scratch where id = 99");
                s.clearBatch();
            }
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(3);
        assertThat(count("insert", "success")).isEqualTo(1);
        assertThat(count("update", "success")).isEqualTo(1);
        DistributionSummary sizes = registry.get("jdbc.batch.size").tag("datasource", "main").summary();
        assertThat(sizes.count()).isEqualTo(2);
        assertThat(sizes.totalAmount()).isEqualTo(28.0);
        assertThat(sizes.max()).isEqualTo(25.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void statementTimeGoesToTheScopesQuerySegmentAndConnectionWaitToItsPoolSegment(TestDatabase db)
            throws SQLException {
        PerfMonDataSource dataSource = decorate(db);
        assertThat(dataSource.recordsPoolWait()).isTrue();
        long query;
        long pool;
        long queryCount;
        long poolCount;
        long statements;
        try (RequestScope scope = perfMon.openScope("GET /items")) {
            for (int round = 0; round < 2; round++) {
                try (Connection c = dataSource.getConnection();
                     PreparedStatement p = c.prepareStatement("select name from nplus_items where id = ?")) {
                    p.setInt(1, round + 1);
                    try (ResultSet rs = p.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                    }
                    try (CallableStatement call = c.prepareCall("select count(*) from nplus_items")) {
                        assertThat(call.execute()).isTrue();
                    }
                }
            }
            query = scope.segmentNanos(Segment.DB_QUERY);
            queryCount = scope.segmentCount(Segment.DB_QUERY);
            pool = scope.segmentNanos(Segment.DB_POOL);
            poolCount = scope.segmentCount(Segment.DB_POOL);
            statements = scope.counter(ScopeCounter.STATEMENTS);
        }

        assertThat(statements).isEqualTo(4);
        assertThat(queryCount).isEqualTo(4);
        assertThat(poolCount).isEqualTo(2);
        long timed = registry.find("jdbc.query").timers().stream()
                .mapToLong(t -> (long) t.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).sum();
        assertThat(query).isPositive().isEqualTo(timed);
        assertThat(pool).isPositive();
        assertThat(registry.get("perfmon.request.statements").tags("method", "GET", "uri", "/items").summary().totalAmount())
                .isEqualTo(4.0);
        assertThat(registry.get("perfmon.request.segment").tags("method", "GET", "uri", "/items").tag("segment", "db.pool")
                .timer().count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void connectionWaitIsLeftToAPoolMonitorThatAlreadyRecordsIt(TestDatabase db) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(1);
        config.setPoolName("recording");
        config.setMetricsTrackerFactory(new TestPoolWaitRecorder());
        try (HikariDataSource hikari = new HikariDataSource(config)) {
            PerfMonDataSource dataSource = PerfMonDataSource.wrap(hikari, perfMon);
            assertThat(dataSource.recordsPoolWait()).isFalse();
            assertThat(dataSource.name()).isEqualTo("recording");
            try (RequestScope scope = perfMon.openScope("GET /x")) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
                assertThat(scope.segmentCount(Segment.DB_POOL)).isZero();
                assertThat(scope.segmentCount(Segment.DB_QUERY)).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void outsideAScopeStatementsAreStillTimed(TestDatabase db) throws SQLException {
        assertThat(perfMon.currentScope()).isNull();
        try (Connection c = decorate(db).getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < 6; i++) {
                s.executeQuery("select name from nplus_items where id = " + (i + 1)).close();
            }
        }
        assertThat(count("select", "success")).isEqualTo(6);
        assertThat(registry.find("perfmon.nplusone").counters()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void unwrapReachesThePoolAndDriverObjectsWhileStatementsKeepTheirWrappedConnection(TestDatabase db)
            throws SQLException {
        HikariDataSource pool = Items.pool(db);
        PerfMonDataSource dataSource = decorate(db);
        assertThat(dataSource.unwrap(PerfMonDataSource.class)).isSameAs(dataSource);
        assertThat(dataSource.unwrap(DataSource.class)).isSameAs(dataSource);
        assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
        assertThat(dataSource.unwrap(HikariDataSource.class)).isSameAs(pool);
        assertThat(dataSource.delegate()).isSameAs(pool);
        Class<? extends Connection> driverConnection;
        try (Connection raw = pool.getConnection()) {
            driverConnection = raw.unwrap(Connection.class).getClass();
        }
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.unwrap(Connection.class)).isSameAs(c);
            assertThat(c.isWrapperFor(driverConnection)).isTrue();
            assertThat(c.unwrap(driverConnection)).isExactlyInstanceOf(driverConnection);
            try (Statement s = c.createStatement(); PreparedStatement p = c.prepareStatement("select 1")) {
                assertThat(s.getConnection()).isSameAs(c);
                assertThat(p.getConnection()).isSameAs(c);
                assertThat(p.unwrap(PreparedStatement.class)).isSameAs(p);
                assertThat(p.isWrapperFor(String.class)).isFalse();
                assertThatThrownBy(() -> p.unwrap(String.class)).isInstanceOf(SQLException.class);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void decoratingADecoratedDataSourceCountsNothingTwice(TestDatabase db) throws SQLException {
        PerfMonDataSource inner = decorate(db);
        PerfMonDataSource direct = PerfMonDataSource.wrap(inner, perfMon);
        PerfMonDataSource third = PerfMonDataSource.wrap(direct, perfMon);
        assertThat(direct.isInstrumenting()).isFalse();
        assertThat(third.isInstrumenting()).isFalse();
        assertThat(third.name()).isEqualTo("main");
        try (RequestScope scope = perfMon.openScope("GET /twice")) {
            try (Connection c = third.getConnection(); Statement s = c.createStatement()) {
                s.execute("select 1");
            }
            assertThat(scope.counter(ScopeCounter.STATEMENTS)).isEqualTo(1);
            assertThat(scope.segmentCount(Segment.DB_POOL)).isEqualTo(1);
        }
        assertThat(count("select", "success")).isEqualTo(1);

        // Another PerfMon is another monitoring system: it counts for itself.
        try (PerfMon other = PerfMon.builder(new SimpleMeterRegistry()).build()) {
            assertThat(PerfMonDataSource.wrap(inner, other).isInstrumenting()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void connectionsFromTheJdbc43BuilderAreInstrumentedToo(TestDatabase db) throws SQLException {
        HikariDataSource pool = Items.pool(db);
        DataSource withBuilder = new DelegatingDataSource(pool) {
            @Override
            public java.sql.ConnectionBuilder createConnectionBuilder() {
                return new java.sql.ConnectionBuilder() {
                    @Override
                    public java.sql.ConnectionBuilder user(String username) {
                        return this;
                    }

                    @Override
                    public java.sql.ConnectionBuilder password(String password) {
                        return this;
                    }

                    @Override
                    public java.sql.ConnectionBuilder shardingKey(java.sql.ShardingKey shardingKey) {
                        return this;
                    }

                    @Override
                    public java.sql.ConnectionBuilder superShardingKey(java.sql.ShardingKey superShardingKey) {
                        return this;
                    }

                    @Override
                    public Connection build() throws SQLException {
                        return pool.getConnection();
                    }
                };
            }
        };
        PerfMonDataSource dataSource = PerfMonDataSource.builder(withBuilder, perfMon).name("main").build();
        try (RequestScope scope = perfMon.openScope("GET /built")) {
            try (Connection c = dataSource.createConnectionBuilder().user(db.user()).password(db.password()).build();
                 Statement s = c.createStatement()) {
                assertThat(c.isWrapperFor(PerfMonDataSource.class)).isFalse();
                s.execute("select 1");
            }
            assertThat(scope.segmentCount(Segment.DB_POOL)).isEqualTo(1);
        }
        assertThat(count("select", "success")).isEqualTo(1);
    }

    @Test
    void builderRejectsBlankNamesAndTinyCachesWithTheValue() {
        DataSource any = new org.h2.jdbcx.JdbcDataSource();
        assertThatThrownBy(() -> PerfMonDataSource.builder(any, perfMon).name(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("' '");
        assertThatThrownBy(() -> PerfMonDataSource.builder(any, perfMon).sqlCacheSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThat(PerfMonDataSource.wrap(any, perfMon).name()).isEqualTo(PerfMonDataSource.DEFAULT_NAME);
    }
}
