package dev.perfmon.test;

import com.example.shop.fixtures.NoPerfMonFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/** A misconfigured extension fails the test and says how to configure it; it never passes silently. */
class ConfigurationErrorTest {

    @Test
    void withoutAPerfMonTheTestFailsWithInstructions() {
        Throwable failure = FixtureRun.of(NoPerfMonFixture.class).failure("runsWithoutAPerfMon");

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("PerfMonExtension found no PerfMon bean in the test's ApplicationContext")
                .hasMessageEndingWith("; declare one, or register the extension with PerfMonExtension.of(perfMon)");
    }
}
