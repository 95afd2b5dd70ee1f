package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.RequestScope;
import dev.perfmon.core.ScopeActivation;
import dev.perfmon.core.ScopeCounter;
import dev.perfmon.testsupport.TestDatabase;
import dev.perfmon.testsupport.TestThreads;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads at once: one scope shared by workers, and many scopes side by side, lose nothing. */
class ConcurrencyTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static void lookUps(PerfMonDataSource dataSource, int from, int count) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("select name from nplus_items where id = ?")) {
            for (int i = 0; i < count; i++) {
                p.setInt(1, from + i);
                p.executeQuery().close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void workersSharingOneScopeAddUpToOneFinding(TestDatabase db) throws Exception {
        ExecutorService workers = TestThreads.executor(4);
        try (PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build())
                .build();
             NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon)) {
            PerfMonDataSource dataSource = PerfMonDataSource.builder(Items.pool(db), perfMon).name("main").build();
            CountDownLatch start = new CountDownLatch(1);
            long statements;
            try (RequestScope scope = perfMon.openScope("GET /fan-out")) {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int first = w * 5 + 1;
                    done.add(workers.submit(() -> {
                        start.await();
                        try (ScopeActivation ignored = scope.activate()) {
                            lookUps(dataSource, first, 5);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
                statements = scope.counter(ScopeCounter.STATEMENTS);
            }
            assertThat(statements).isEqualTo(20);
            assertThat(recorder.nPlusOnes()).hasSize(1);
            assertThat(recorder.nPlusOnes().get(0).count()).isEqualTo(20);
            assertThat(recorder.nPlusOnes().get(0).distinctParameterSets()).isEqualTo(20);
        } finally {
            workers.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void parallelRequestsEachGetTheirOwnFinding(TestDatabase db) throws Exception {
        ExecutorService workers = TestThreads.executor(4);
        try (PerfMon perfMon = PerfMon.builder(registry).config(PerfMonConfig.builder().logFindings(false).build())
                .build();
             NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon)) {
            PerfMonDataSource dataSource = PerfMonDataSource.builder(Items.pool(db), perfMon).name("main").build();
            List<Future<?>> done = new ArrayList<>();
            for (int request = 0; request < 40; request++) {
                int first = request % 10 + 1;
                done.add(workers.submit(() -> {
                    try (RequestScope scope = perfMon.openScope("GET /parallel")) {
                        lookUps(dataSource, first, 6);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(recorder.nPlusOnes()).hasSize(40)
                    .allSatisfy(finding -> assertThat(finding.count()).isEqualTo(6));
            assertThat(registry.get("perfmon.nplusone").tags("method", "GET", "uri", "/parallel").counter().count()).isEqualTo(40.0);
            assertThat(registry.find("jdbc.query").timers().stream().mapToLong(Timer::count).sum()).isEqualTo(240);
        } finally {
            workers.shutdownNow();
        }
    }
}
