package dev.perfmon.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the packaged demo jar, started the way a user starts it: {@code java -jar
 * perfmon-demo.jar <args>} in its own process, with the {@code java} of the JVM running the test.
 * Its stdout and stderr go to files under {@code target/demo-jar-runs/} (kept for reading after a
 * failure). A run that outlives its time limit is killed, with every process it started, and fails
 * with what it printed.
 *
 * @param name the run's name, used for its output files
 * @param exitCode the demo's exit status
 * @param stdout what it printed on stdout (the report)
 * @param stderr what it printed on stderr (startup lines and progress)
 */
record DemoJarRun(String name, int exitCode, String stdout, String stderr) {

    /** Set by the examples pom; the default fits a run from the module directory. */
    private static final Path JAR = Path.of(System.getProperty("perfmon.demo.jar", "target/perfmon-demo.jar"));
    private static final Path OUTPUT = Path.of(System.getProperty("perfmon.demo.runs", "target/demo-jar-runs"));

    /**
     * @param name names the output files
     * @param limit how long the run may take, startup and exit included
     * @param args the demo's arguments
     * @return the finished run
     * @throws AssertionError when the jar is missing or the run does not finish within {@code limit}
     */
    static DemoJarRun run(String name, Duration limit, List<String> args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR.toAbsolutePath() + " does not exist: the package phase builds it"
                    + " (mvn -B -pl examples verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(args);
        Files.createDirectories(OUTPUT);
        Path out = OUTPUT.resolve(name + ".out");
        Path err = OUTPUT.resolve(name + ".err");
        Process demo = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        demo.getOutputStream().close();
        if (!demo.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            // Its children first (an embedded redis-server), while the demo is still there to reap them.
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
            demo.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + limit.toSeconds()
                    + " s and was killed\n--- stderr\n" + read(err) + "\n--- stdout\n" + read(out));
        }
        return new DemoJarRun(name, demo.exitValue(), read(out), read(err));
    }

    /** @return both outputs, for assertion messages */
    String describe() {
        return "run " + name + ", exit status " + exitCode + "\n--- stderr\n" + stderr + "\n--- stdout\n" + stdout;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
