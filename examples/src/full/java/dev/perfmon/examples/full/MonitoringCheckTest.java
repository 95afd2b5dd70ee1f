package dev.perfmon.examples.full;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code monitoring/check.sh} (promtool check rules, then a real Prometheus on loopback
 * scraping the demo under load and answering the README's PromQL and every dashboard query)
 * with the demo started from this build's classes. Needs the Debian package prometheus (run
 * with -Pfull); without it this test fails, it never skips.
 */
@Tag("full")
class MonitoringCheckTest {

    @Test
    void prometheusLoadsTheRulesScrapesTheDemoAndAnswersTheReadmeQueries() throws Exception {
        Path script = Path.of("monitoring", "check.sh").toAbsolutePath();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().put("DEMO_CMD", java + " -cp " + classpath + " dev.perfmon.examples.demo.DemoMain");
        builder.environment().put("CHECK_TIMEOUT", "240");
        Process check = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(check.getInputStream(), output), "check.sh-output");
        reader.start();
        boolean finished = check.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            check.destroy();
            check.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        String log = output.toString(StandardCharsets.UTF_8);
        System.out.println(log);
        assertThat(finished).as("check.sh finished within 300 s:%n%s", log).isTrue();
        assertThat(check.exitValue()).as("check.sh exit status:%n%s", log).isZero();
        assertThat(log).contains("all monitoring checks passed");
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
