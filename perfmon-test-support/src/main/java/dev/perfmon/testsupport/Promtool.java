package dev.perfmon.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' {@code promtool}, for checking the rule files the project generates or documents.
 * Debian's {@code prometheus} package ships it; the tests that use it belong to the full check.
 */
public final class Promtool {

    private Promtool() {
    }

    /**
     * The outcome of one run.
     *
     * @param exit the exit code
     * @param output standard output and error, interleaved
     */
    public record Result(int exit, String output) {
    }

    /**
     * For tests tagged {@code full} (run with {@code -Pfull}), which need promtool wherever they run.
     *
     * @return promtool's path
     * @throws IllegalStateException when it is not installed, saying how to install it
     */
    public static String require() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(entry, "promtool");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new IllegalStateException("promtool is required by the full check (-Pfull)."
                + " Install it with: apt-get install -y prometheus");
    }

    /**
     * Runs {@code promtool args...} in {@code directory}.
     *
     * @throws IllegalStateException when it does not finish within 60 s
     */
    public static Result run(String promtool, Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool));
        command.addAll(List.of(args));
        // Output goes to a file, so a promtool that hangs cannot block the read: the wait times out.
        Path output = Files.createTempFile("promtool", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool did not finish within 60 s: " + command + "\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
