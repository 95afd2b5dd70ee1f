package dev.perfmon.jdbc.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A prepared statement borrows its parameter slots from its thread's spares and gives them back
 * when it closes, or when its connection does: the next statement prepared on the thread binds
 * into the same slots, emptied, so a steady-state request allocates none of them. Two open
 * statements never share slots, slots go back only on the thread that lent them, and a statement
 * never closed keeps its own. Each test runs on a fresh platform thread, whose spares start empty.
 */
class ParameterSlotsReuseTest {

    private static final String BY_ID = "select name from slot_items where id = ?";

    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final JdbcMonitor monitor = new JdbcMonitor(perfMon, "slots", NPlusOneConfig.defaults(), 64, true);
    private final TestDatabase db = TestDatabase.h2();
    private final List<Connection> raw = new ArrayList<>();

    @BeforeEach
    void database() throws SQLException {
        try (Statement s = connection().createStatement()) {
            s.execute("create table slot_items (id int primary key, name varchar(20))");
            s.execute("insert into slot_items select x, 'item-' || x from system_range(1, 10)");
            s.execute("create alias slot_echo for \"java.lang.Math.abs(int)\"");
        }
    }

    @AfterEach
    void close() throws SQLException {
        perfMon.close();
        for (Connection c : raw) {
            c.close();
        }
    }

    @Test
    void theNextStatementOfTheThreadBindsIntoTheSlotsOfOneThatClosed() throws Exception {
        onFreshThread(() -> {
            Connection c = connection();
            TimedPreparedStatement first = prepare(c, BY_ID);
            first.setInt(1, 7);
            long boundSeven = first.parameterHash(first.info, false);
            first.executeQuery().close();
            first.close();
            assertThat(ParameterSpares.lentOnThisThread()).isZero();

            TimedPreparedStatement next = prepare(c, BY_ID);
            assertThat(next.parameters).as("the slots the first statement gave back").isSameAs(first.parameters);
            assertThat(next.held().hash(SqlInfo.NO_ORDINALS)).as("emptied: nothing bound")
                    .isEqualTo(new ParameterSlots().hash(SqlInfo.NO_ORDINALS));
            next.setInt(1, 7);
            assertThat(next.parameterHash(next.info, false)).as("the same value hashes as it did in fresh slots")
                    .isEqualTo(boundSeven);
            assertThat(ParameterSpares.lentOnThisThread()).isOne();
            next.close();
        });
    }

    @Test
    void twoOpenStatementsNeverShareSlots() throws Exception {
        onFreshThread(() -> {
            Connection c = connection();
            List<TimedPreparedStatement> open = new ArrayList<>();
            for (int i = 0; i < ParameterSpares.CAPACITY + 2; i++) {
                TimedPreparedStatement statement = prepare(c, BY_ID);
                statement.setInt(1, i);
                open.add(statement);
            }
            assertThat(open).extracting(s -> s.parameters).doesNotHaveDuplicates();
            assertThat(ParameterSpares.lentOnThisThread()).as("the thread lends at most its capacity")
                    .isEqualTo(ParameterSpares.CAPACITY);
            for (int i = 0; i < open.size(); i++) {
                assertThat(open.get(i).held().holds(1, ParameterHashes.of(i))).as("statement %s", i).isTrue();
            }
            open.get(1).close();
            TimedPreparedStatement next = prepare(c, BY_ID);
            assertThat(next.parameters).isSameAs(open.get(1).parameters);
            next.setInt(1, 99);
            assertThat(open.get(2).held().holds(1, ParameterHashes.of(2))).isTrue();
        });
    }

    @Test
    void aSecondCloseNeverReachesTheStatementTheSlotsWentToNext() throws Exception {
        onFreshThread(() -> {
            Connection c = connection();
            TimedPreparedStatement first = prepare(c, BY_ID);
            first.close();
            TimedPreparedStatement next = prepare(c, BY_ID);
            next.setInt(1, 3);
            first.close();
            assertThat(ParameterSpares.lentOnThisThread()).isOne();
            assertThat(next.held().holds(1, ParameterHashes.of(3))).isTrue();
            assertThat(first.held()).as("a closed statement holds nothing").isSameAs(ParameterSlots.NONE);
            assertThatThrownBy(() -> first.setInt(1, 4)).isInstanceOf(SQLException.class);
            assertThat(next.held().holds(1, ParameterHashes.of(3))).isTrue();
            assertThat(prepare(c, BY_ID).parameters).as("lent once, not twice").isNotSameAs(next.parameters);
        });
    }

    @Test
    void aStatementClosedOnAnotherThreadKeepsItsSlotsAndLeavesBothThreadsSparesAlone() throws Exception {
        onFreshThread(() -> {
            Connection c = connection();
            TimedPreparedStatement handedOver = prepare(c, BY_ID);
            handedOver.setInt(1, 5);
            onFreshThread(() -> {
                TimedPreparedStatement own = prepare(c, BY_ID);
                handedOver.executeQuery().close();
                handedOver.close();
                assertThat(ParameterSpares.lentOnThisThread()).as("the other thread's own statement").isOne();
                assertThat(prepare(c, BY_ID).parameters).isNotSameAs(handedOver.parameters).isNotSameAs(own.parameters);
            });
            assertThat(ParameterSpares.lentOnThisThread()).as("not given back here either: it closed elsewhere").isOne();
            assertThat(handedOver.held().holds(1, ParameterHashes.of(5))).as("its own until collected").isTrue();
            assertThat(prepare(c, BY_ID).parameters).isNotSameAs(handedOver.parameters);
        });
    }

    @Test
    void aStatementNeverClosedKeepsItsSlotsWhileOthersComeAndGo() throws Exception {
        onFreshThread(() -> {
            Connection c = connection();
            TimedPreparedStatement forgotten = prepare(c, BY_ID);
            forgotten.setInt(1, 8);
            for (int i = 0; i < 10; i++) {
                try (TimedPreparedStatement other = prepare(c, BY_ID)) {
                    assertThat(other.parameters).isNotSameAs(forgotten.parameters);
                    other.setInt(1, i);
                    other.executeQuery().close();
                }
            }
            assertThat(forgotten.held().holds(1, ParameterHashes.of(8))).isTrue();
            assertThat(ParameterSpares.lentOnThisThread()).isOne();
        });
    }

    @Test
    void closingTheConnectionGivesBackTheSlotsOfTheStatementsItClosed() throws Exception {
        onFreshThread(() -> {
            Connection next = connection();
            Connection other = connection();
            TimedConnection first = new TimedConnection(DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()),
                    monitor);
            TimedPreparedStatement leftOpen = (TimedPreparedStatement) first.prepareStatement(BY_ID);
            leftOpen.setInt(1, 2);
            TimedPreparedStatement onOther = prepare(other, BY_ID);
            onOther.setInt(1, 6);
            first.close();
            assertThatThrownBy(() -> leftOpen.setInt(1, 3)).as("closed with its connection").isInstanceOf(SQLException.class);
            assertThat(ParameterSpares.lentOnThisThread()).as("only the other connection's statement").isOne();
            assertThat(leftOpen.held()).isSameAs(ParameterSlots.NONE);
            assertThat(onOther.held().holds(1, ParameterHashes.of(6))).isTrue();
            assertThat(prepare(next, BY_ID).parameters).isSameAs(leftOpen.parameters);
            leftOpen.close();
            assertThat(ParameterSpares.lentOnThisThread()).as("its late close gives back nothing").isEqualTo(2);
        });
    }

    @Test
    void aBatchStatementKeepsItsBindingsAcrossAddBatchUntilClearParameters() throws Exception {
        onFreshThread(() -> {
            Connection c = connection();
            ParameterSlots lent;
            try (TimedPreparedStatement batch = prepare(c, "update slot_items set name = ? where id = ?")) {
                lent = batch.parameters;
                batch.setString(1, "renamed");
                batch.setInt(2, 1);
                batch.addBatch();
                assertThat(batch.held().holds(1, ParameterHashes.ofObject("renamed"))).as("bound until cleared").isTrue();
                batch.clearParameters();
                assertThat(batch.held().holds(1, ParameterHashes.ofObject("renamed"))).isFalse();
                batch.setString(1, "again");
                batch.setInt(2, 2);
                batch.addBatch();
                assertThat(batch.executeBatch()).containsExactly(1, 1);
            }
            try (TimedPreparedStatement next = prepare(c, BY_ID)) {
                assertThat(next.parameters).isSameAs(lent);
                assertThat(next.held().holds(1, ParameterHashes.ofObject("again"))).isFalse();
                assertThat(next.held().holds(2, ParameterHashes.of(2))).as("emptied past the next statement's own").isFalse();
            }
        });
    }

    @Test
    void aCallableStatementBorrowsAndGivesBackLikeAPreparedOne() throws Exception {
        onFreshThread(() -> {
            Connection c = connection();
            TimedCallableStatement call = (TimedCallableStatement) c.prepareCall("{call slot_echo(?)}");
            call.setInt(1, -4);
            call.held().setNamed("p", ParameterHashes.of(1L));
            call.execute();
            call.close();
            TimedPreparedStatement next = prepare(c, BY_ID);
            assertThat(next.parameters).isSameAs(call.parameters);
            assertThat(next.held().hash(SqlInfo.NO_ORDINALS)).as("indexed and named bindings both emptied")
                    .isEqualTo(new ParameterSlots().hash(SqlInfo.NO_ORDINALS));
        });
    }

    @Test
    void aThreadKeepsItsSparesOnlyWeaklySoACollectionDropsThem() throws Exception {
        onFreshThread(false, () -> {
            Connection c = connection();
            prepare(c, BY_ID).close();
            assertThat(ParameterSpares.keptOnThisThread()).isTrue();
            for (int i = 0; i < 50 && ParameterSpares.keptOnThisThread(); i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(ParameterSpares.keptOnThisThread()).as("after garbage collection").isFalse();
            TimedPreparedStatement next = prepare(c, BY_ID);
            next.setInt(1, 1);
            assertThat(next.held().holds(1, ParameterHashes.of(1))).as("the next prepare lends anew").isTrue();
            assertThat(ParameterSpares.lentOnThisThread()).isOne();
        });
    }

    private Connection connection() throws SQLException {
        Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        raw.add(c);
        return new TimedConnection(c, monitor); // not closed: the raw connections close after the test
    }

    private static TimedPreparedStatement prepare(Connection c, String sql) throws SQLException {
        return (TimedPreparedStatement) c.prepareStatement(sql);
    }

    /** Runs {@code body} on a new platform thread, whose spares no collection drops meanwhile. */
    private static void onFreshThread(OnThread.Body body) throws Exception {
        onFreshThread(true, body);
    }

    private static void onFreshThread(boolean pinSpares, OnThread.Body body) throws Exception {
        OnThread.platform(() -> {
            // The thread-local holds them weakly: held here, a collection in the middle cannot start them afresh.
            ParameterSpares pinned = pinSpares ? ParameterSpares.ofPlatformThread() : null;
            try {
                body.run();
            } finally {
                Reference.reachabilityFence(pinned);
            }
        });
    }
}
