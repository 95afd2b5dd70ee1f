package dev.perfmon.jdbc.internal;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.testsupport.TestDatabase;
import dev.perfmon.testsupport.TestThreads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A virtual thread runs one request and ends, so it keeps no spare parameter slots: each of its
 * statements has slots of its own, garbage-collected with it, and its thread-local is never
 * asked. A statement a platform thread prepared and a virtual thread closed leaves the platform
 * thread's spares as they were.
 */
@Tag("virtual-threads")
class VirtualThreadParameterSlotsTest {

    private static final String BY_ID = "select 1 where ? > 0";

    private final PerfMon perfMon = PerfMon.builder(new SimpleMeterRegistry())
            .config(PerfMonConfig.builder().logFindings(false).build()).build();
    private final JdbcMonitor monitor = new JdbcMonitor(perfMon, "virtual", NPlusOneConfig.defaults(), 64, true);
    private final TestDatabase db = TestDatabase.h2();
    private final Connection raw;

    VirtualThreadParameterSlotsTest() throws SQLException {
        raw = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    @AfterEach
    void close() throws SQLException {
        perfMon.close();
        raw.close();
    }

    @Test
    void eachStatementOnAVirtualThreadHasSlotsOfItsOwnAndTheThreadKeepsNone() throws Exception {
        Connection c = new TimedConnection(raw, monitor);
        OnThread.virtual(() -> {
            assertThat(TestThreads.isVirtual(Thread.currentThread())).isTrue();
            TimedPreparedStatement first = (TimedPreparedStatement) c.prepareStatement(BY_ID);
            first.setInt(1, 1);
            first.executeQuery().close();
            first.close();
            TimedPreparedStatement next = (TimedPreparedStatement) c.prepareStatement(BY_ID);
            assertThat(next.parameters).isNotSameAs(first.parameters);
            next.setInt(1, 2);
            assertThat(next.held().holds(1, ParameterHashes.of(2))).isTrue();
            assertThat(first.held().holds(1, ParameterHashes.of(1))).as("its own, kept after close").isTrue();
            next.close();
        });
    }

    @Test
    void aStatementClosedOnAVirtualThreadStaysLentOnThePlatformThreadThatPreparedIt() throws Exception {
        Connection c = new TimedConnection(raw, monitor);
        OnThread.platform(() -> {
            ParameterSpares pinned = ParameterSpares.ofPlatformThread();
            PreparedStatement handedOver = c.prepareStatement(BY_ID);
            OnThread.virtual(() -> {
                assertThat(TestThreads.isVirtual(Thread.currentThread())).isTrue();
                handedOver.close();
            });
            assertThat(ParameterSpares.lentOnThisThread()).isOne();
            assertThat(ParameterSpares.ofPlatformThread()).isSameAs(pinned);
        });
    }
}
