package dev.perfmon.examples.demo.infra;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * The Redis the demo caches in: a given URI, else the local server on 127.0.0.1:6379 when one
 * answers, else an embedded {@code redis-server} (from the embedded-redis artifact) on a free
 * loopback port that lives as long as the demo. {@value #EMBEDDED} in place of a URI asks for the
 * embedded server without looking for a local one.
 */
public final class DemoRedis implements AutoCloseable {

    /** What to configure instead of a URI to use an embedded {@code redis-server} even when a local one answers. */
    public static final String EMBEDDED = "embedded";

    private final String uri;
    private final String origin;
    private final RedisServer embedded;

    private DemoRedis(String uri, String origin, RedisServer embedded) {
        this.uri = uri;
        this.origin = origin;
        this.embedded = embedded;
    }

    /**
     * @param configured a {@code redis://} URI to use, {@value #EMBEDDED} for an embedded server, or
     *     {@code null} to find one
     * @return a reachable Redis
     */
    public static DemoRedis resolve(String configured) {
        if (EMBEDDED.equals(configured)) {
            return startEmbedded();
        }
        if (configured != null) {
            URI parsed = URI.create(configured);
            int port = parsed.getPort() < 0 ? 6379 : parsed.getPort();
            if (!reachable(parsed.getHost(), port)) {
                throw new IllegalStateException("Redis at " + parsed.getHost() + ":" + port + " is not reachable");
            }
            return new DemoRedis(configured, "configured", null);
        }
        if (reachable("127.0.0.1", 6379)) {
            return new DemoRedis("redis://127.0.0.1:6379", "local", null);
        }
        return startEmbedded();
    }

    private static DemoRedis startEmbedded() {
        int port = freePort();
        RedisServer server;
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException("no Redis on 127.0.0.1:6379 and the embedded redis-server did not start: "
                    + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!reachable("127.0.0.1", port)) {
            if (System.nanoTime() > deadline) {
                stopQuietly(server);
                throw new IllegalStateException("embedded redis-server did not listen on port " + port);
            }
            Thread.onSpinWait();
        }
        return new DemoRedis("redis://127.0.0.1:" + port, "embedded", server);
    }

    /** @return the {@code redis://host:port} URI */
    public String uri() {
        return uri;
    }

    /** @return {@code configured}, {@code local} or {@code embedded} */
    public String origin() {
        return origin;
    }

    @Override
    public void close() {
        if (embedded != null) {
            stopQuietly(embedded);
        }
    }

    private static void stopQuietly(RedisServer server) {
        try {
            server.stop();
        } catch (IOException ignored) {
            // the process is gone either way when the JVM exits
        }
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
