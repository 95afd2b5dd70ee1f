package dev.perfmon.redis;

import dev.perfmon.testsupport.Services;
import dev.perfmon.testsupport.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A redis-server the test owns on a free port, which it can pause (SIGSTOP), resume (SIGCONT),
 * kill (SIGKILL) and restart on the same port: the {@code redis-server} binary from the PATH,
 * else (only outside CI) the embedded one of perfmon-test-support. Its process id comes from
 * {@code INFO server}.
 */
final class RedisProcess implements AutoCloseable {

    private final String binary = findBinary();
    private int port = Services.freePort();
    private TestRedis.PrivateRedis embedded;
    private long pid;

    RedisProcess() {
        start();
    }

    private static String findBinary() {
        String found = onPath("redis-server");
        if (found != null) {
            return found;
        }
        if (Services.inCi()) {
            throw new IllegalStateException("CI=true and no redis-server on the PATH: install redis-server");
        }
        return null;
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    /**
     * The server command, in a session of its own where {@code setsid} exists: in the test JVM's
     * process group, a stopped server is sent SIGCONT by the kernel when that group becomes
     * orphaned (the shell that started the build exits mid-run), ending a pause early.
     */
    private List<String> command() {
        List<String> command = new ArrayList<>();
        String setsid = onPath("setsid");
        if (setsid != null) {
            command.add(setsid);
        }
        command.addAll(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no"));
        return command;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (or restarts) the server and waits until it answers. */
    void start() {
        if (binary == null) {
            if (embedded == null) {
                embedded = TestRedis.startPrivate();
                port = embedded.port();
            } else {
                embedded.start();
            }
        } else {
            try {
                new ProcessBuilder(command())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start " + binary, e);
            }
        }
        RedisFixture.await("redis-server on port " + port, () -> Services.reachable("127.0.0.1", port));
        RedisClient client = RedisClient.create(uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String info = connection.sync().info("server");
            pid = Long.parseLong(info.lines().filter(l -> l.startsWith("process_id:")).findFirst()
                    .orElseThrow().substring("process_id:".length()).trim());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    void pause() {
        signal("STOP");
    }

    void resume() {
        signal("CONT");
    }

    /** SIGKILL, and waits until the port is closed. */
    void kill() {
        signal("KILL");
        RedisFixture.await("redis-server to die", () -> !Services.reachable("127.0.0.1", port));
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            signal("CONT");
            signal("KILL");
        } catch (RuntimeException ignored) {
            // already dead
        }
    }
}
