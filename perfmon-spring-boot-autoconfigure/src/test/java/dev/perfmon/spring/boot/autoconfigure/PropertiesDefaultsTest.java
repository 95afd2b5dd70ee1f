package dev.perfmon.spring.boot.autoconfigure;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.jdbc.NPlusOneConfig;
import dev.perfmon.servlet.HttpMetricsConfig;
import dev.perfmon.spring.boot.autoconfigure.internal.HttpConfigs;
import dev.perfmon.spring.boot.autoconfigure.internal.JdbcConfigs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults written out in the properties (for IDEs) are perfmon's own. */
class PropertiesDefaultsTest {

    private final PerfMonProperties settings = new PerfMonProperties();

    @Test
    void coreDefaultsArePerfMonConfigs() {
        assertThat(settings.toConfig().toString()).isEqualTo(PerfMonConfig.defaults().toString());
    }

    @Test
    void httpDefaultsAreHttpMetricsConfigs() {
        assertThat(HttpConfigs.toConfig(settings.getHttp(), null, List.of()).toString())
                .isEqualTo(HttpMetricsConfig.defaults().toString());
    }

    @Test
    void nPlusOneDefaultsAreNPlusOneConfigs() {
        assertThat(JdbcConfigs.nPlusOne(settings.getJdbc().getNPlusOne(), List.of()).toString())
                .isEqualTo(NPlusOneConfig.defaults().toString());
    }
}
