package dev.perfmon.jdbc;

import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;

import java.util.List;

/**
 * What every detection test starts from: a PerfMon over its own registry whose findings are
 * recorded (not logged), closed after each test, and the databases each test runs on
 * ({@code @MethodSource("databases")}).
 */
public abstract class DetectorTestBase {

    protected final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    protected final PerfMon perfMon = PerfMon.builder(registry)
            .config(PerfMonConfig.builder().logFindings(false).build())
            .build();
    protected final NPlusOneRecorder recorder = NPlusOneRecorder.attach(perfMon);

    protected static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @AfterEach
    protected void closePerfMon() {
        recorder.close();
        perfMon.close();
    }
}
