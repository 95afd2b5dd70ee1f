package dev.perfmon.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.jdbc.NPlusOneRecorder;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.testsupport.TestDatabase;
import dev.perfmon.testsupport.TestThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests on virtual threads, one fresh virtual thread each and many at once over a small
 * HikariCP pool (H2), are told apart exactly as on platform threads: every N+1 finding and every
 * long connection hold names the route that made it, and statement counts add up per route.
 * A virtual thread has its own thread-locals and never reuses a spare scope, and many of them
 * share a few carriers, so anything keyed by the carrier instead of the thread would mix them up.
 */
@Tag("virtual-threads")
class VirtualThreadAttributionTest {

    private static final int REQUESTS_PER_ROUTE = 60;
    private static final int REPORTS = 6;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<LongConnectionHold> longHolds = new CopyOnWriteArrayList<>();

    @Test
    void findingsAndHoldersNameTheRequestThatMadeThemWhenEachRequestRunsOnItsOwnVirtualThread() throws Exception {
        try (PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build())
                .listener(event -> {
                    if (event instanceof LongConnectionHold hold) {
                        longHolds.add(hold);
                    }
                }).build();
             NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon);
             PerfMonPoolMonitor monitor = PerfMonPoolMonitor.builder(perfMon).sampleInterval(Duration.ofMillis(10))
                     .longHoldThreshold(Duration.ofMillis(100)).build();
             HikariDataSource pool = monitor.createDataSource(config())) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop table if exists vt_items");
                s.execute("create table vt_items (id int primary key, name varchar(20))");
                s.execute("insert into vt_items select x, 'item-' || x from system_range(1, 20)");
            }
            PerfMonDataSource dataSource = PerfMonDataSource.builder(pool, perfMon).name("main").build();
            List<Thread> requests = new ArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Boolean> virtual = new CopyOnWriteArrayList<>();
            for (int i = 0; i < REQUESTS_PER_ROUTE; i++) {
                int first = i % 10 + 1;
                requests.add(request(perfMon, "GET /naive", start, failures, virtual, () -> lookUps(dataSource, first, 6)));
                requests.add(request(perfMon, "GET /fixed", start, failures, virtual, () -> lookUps(dataSource, first, 1)));
                if (i < REPORTS) {
                    requests.add(request(perfMon, "GET /report", start, failures, virtual, () -> {
                        try (Connection c = dataSource.getConnection()) {
                            c.createStatement().executeQuery("select count(*) from vt_items").close();
                            Thread.sleep(500);                       // past the threshold and the 200 ms hold check
                        }
                    }));
                }
            }
            requests.forEach(Thread::start);
            start.countDown();
            for (Thread request : requests) {
                request.join(30_000);
                assertThat(request.isAlive()).as("request still running after 30 s").isFalse();
            }
            assertThat(failures).isEmpty();
            assertThat(virtual).hasSize(2 * REQUESTS_PER_ROUTE + REPORTS).containsOnly(true);

            assertThat(recorder.nPlusOnes()).hasSize(REQUESTS_PER_ROUTE)
                    .allSatisfy(finding -> {
                        assertThat(finding.route()).isEqualTo("GET /naive");
                        assertThat(finding.count()).isEqualTo(6);
                    });
            assertThat(statements("/naive").totalAmount()).isEqualTo(6.0 * REQUESTS_PER_ROUTE);
            assertThat(statements("/fixed").totalAmount()).isEqualTo(1.0 * REQUESTS_PER_ROUTE);
            assertThat(statements("/report").totalAmount()).isEqualTo(1.0 * REPORTS);

            Await.until(Duration.ofSeconds(5), () -> longHolds.size() >= REPORTS, () -> "long holds: " + longHolds);
            assertThat(longHolds).hasSize(REPORTS).allSatisfy(hold -> {
                assertThat(hold.route()).isEqualTo("GET /report");
                assertThat(hold.holder().thread()).as("a virtual thread is named by its id").matches("#\\d+");
            });
            Counter reportHolds = registry.find("perfmon.pool.long.holds").tag("uri", "/report").counter();
            assertThat(reportHolds).isNotNull();
            assertThat(reportHolds.count()).isEqualTo(longHolds.size());
            assertThat(registry.find("perfmon.pool.long.holds").counters())
                    .allSatisfy(c -> assertThat(c.getId().getTag("uri")).isEqualTo("/report"));
        }
    }

    private DistributionSummary statements(String uri) {
        return registry.get("perfmon.request.statements").tags("method", "GET", "uri", uri).summary();
    }

    private static Thread request(PerfMon perfMon, String route, CountDownLatch start, List<Throwable> failures,
                                  List<Boolean> virtual, Work work) {
        return TestThreads.newVirtualThread(() -> {
            try {
                start.await(10, TimeUnit.SECONDS);
                virtual.add(TestThreads.isVirtual(Thread.currentThread()));
                try (RequestScope scope = perfMon.openScope(route)) {
                    work.run();
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
    }

    private static void lookUps(PerfMonDataSource dataSource, int from, int count) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("select name from vt_items where id = ?")) {
            for (int i = 0; i < count; i++) {
                p.setInt(1, from + i);
                p.executeQuery().close();
            }
        }
    }

    private static HikariConfig config() {
        TestDatabase db = TestDatabase.h2();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setPoolName("vt-attribution");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        config.setConnectionTimeout(10_000);
        return config;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }
}
