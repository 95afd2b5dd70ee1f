package dev.perfmon.examples.demo;

import dev.perfmon.testsupport.TestRedis;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's command, shortened: {@code DemoMain load} in its own JVM, as a user runs it. It
 * exits 0 and prints the report with the four things the demo exists to show.
 */
class DemoLoadModeTest {

    @Test
    void loadModeRunsThePhasesPrintsTheReportAndExitsZero() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process demo = new ProcessBuilder(List.of(java, "-cp", classpath, DemoMain.class.getName(), "load",
                "--duration", "20s", "--users", "10", "--report-callers", "30", "--redis", TestRedis.uri()))
                .start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(demo.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(demo.getErrorStream()));
        boolean finished = demo.waitFor(150, TimeUnit.SECONDS);
        if (!finished) {
            demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = stdout.get(10, TimeUnit.SECONDS);
        String err = stderr.get(10, TimeUnit.SECONDS);
        assertThat(finished).as("finished within 150 s%n%s%n%s", err, out).isTrue();
        assertThat(demo.exitValue()).as("exit status%n%s%n%s", err, out).isZero();

        assertThat(err).contains("perfmon demo: listening on http://127.0.0.1:", "[overload]", "[recovery]");
        assertThat(out).contains("== load client: what the users saw, per phase",
                "== what this run shows ==", "== perfmon report (server side, since the service started) ==",
                "-- Likely bottlenecks");
        assertThat(out).containsPattern("N\\+1 +GET /posts/naive: [1-9][0-9]* N\\+1 findings, [0-9.]+ SQL statements per"
                + " request; GET /posts/fixed: none, 2\\.0 per request");
        assertThat(out).containsPattern("pool +[1-9][0-9]* exhaustion episodes?, the first in the overload phase"
                + " \\(\\+[0-9]+s\\): 20/20 busy, [0-9]+ waiting; the [0-9]+ longest holders: GET /reports/slow x");
        assertThat(out).containsPattern("cache hits +posts [0-9]+ % .*post [0-9]+ % .*all [0-9]+ %");
        assertThat(out).containsPattern("p99 vs SLO +[0-9]+ ms against 400 ms: (met|BREACHED)");
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
