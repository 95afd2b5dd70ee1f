package dev.perfmon.test;

import com.example.shop.fixtures.NoPerfMonBeanFixture;
import com.example.shop.fixtures.NoPerfMonFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/** A misconfigured extension fails the test and says how to configure it; it never passes silently. */
class ConfigurationErrorTest {

    @Test
    void aSpringTestWithoutAPerfMonBeanFailsNamingTheMissingBean() {
        Throwable failure = FixtureRun.of(NoPerfMonBeanFixture.class).failure("runsWithoutAPerfMonBean");

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("PerfMonExtension found no PerfMon bean in the test's ApplicationContext (No qualifying"
                        + " bean of type 'dev.perfmon.core.PerfMon' available); declare one, or register the extension"
                        + " with PerfMonExtension.of(perfMon)");
    }

    @Test
    void withoutAPerfMonTheTestFailsWithInstructions() {
        Throwable failure = FixtureRun.of(NoPerfMonFixture.class).failure("runsWithoutAPerfMon");

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("PerfMonExtension has no PerfMon: register it with PerfMonExtension.of(perfMon) or"
                        + " of(dataSource), or use it in a SpringExtension test whose ApplicationContext has a PerfMon bean");
    }
}
