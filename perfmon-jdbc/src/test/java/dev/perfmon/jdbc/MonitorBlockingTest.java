package dev.perfmon.jdbc;

import dev.perfmon.testsupport.MonitorScan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing perfmon-jdbc runs blocks while it holds a monitor (a request on a virtual thread would
 * pin its carrier there on JDK 21 to 23). Read from the bytecode, since JDK 24+ neither pins nor
 * reports it; perfmon-core's MonitorBlockingTest shows the scan failing on code that does block.
 */
class MonitorBlockingTest {

    @Test
    void perfmonJdbcNeverBlocksWhileHoldingAMonitor() {
        assertThat(MonitorScan.blockingUnderMonitor(PerfMonDataSource.class)).isEmpty();
    }
}
