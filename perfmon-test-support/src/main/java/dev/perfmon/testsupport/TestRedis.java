package dev.perfmon.testsupport;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.URI;

/**
 * The Redis the tests use: {@code REDIS_URL} if set, else the local server on 127.0.0.1:6379,
 * else (only outside CI) an embedded redis-server from the {@code embedded-redis} artifact on a
 * free port. Under {@code CI=true} an unreachable Redis fails the test run with instructions.
 *
 * <p>Tests share this server: use keys under a prefix of your own and never flush it. A test
 * that must stop and restart Redis takes a {@link #startPrivate() private server} instead.
 */
public final class TestRedis {

    private static final String START_COMMAND = "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379"
            + " --save \"\" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log";
    private static volatile @Nullable String sharedUri;

    private TestRedis() {
    }

    /** @return a {@code redis://host:port} URI of the shared test server */
    public static synchronized String uri() {
        if (sharedUri == null) {
            sharedUri = resolve();
        }
        return sharedUri;
    }

    private static String resolve() {
        String configured = System.getenv("REDIS_URL");
        if (configured != null && !configured.isBlank()) {
            URI uri = URI.create(configured);
            if (!Services.reachable(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
                throw new IllegalStateException("REDIS_URL=" + configured + " is not reachable");
            }
            return configured;
        }
        if (Services.reachable("127.0.0.1", 6379)) {
            return "redis://127.0.0.1:6379";
        }
        if (Services.inCi()) {
            throw Services.missingInCi("Redis", "127.0.0.1:6379", START_COMMAND);
        }
        PrivateRedis embedded = startPrivate();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::stop, "perfmon-test-redis-stop"));
        System.err.println("perfmon tests: no Redis on 127.0.0.1:6379, using an embedded redis-server on port "
                + embedded.port());
        return embedded.uri();
    }

    /** @return a new embedded redis-server on a free port, owned by the caller, already started */
    public static PrivateRedis startPrivate() {
        PrivateRedis redis = new PrivateRedis(Services.freePort());
        redis.start();
        return redis;
    }

    /** A redis-server process the test owns: it can stop and restart it on the same port. */
    public static final class PrivateRedis implements AutoCloseable {
        private final int port;
        private @Nullable RedisServer server;

        PrivateRedis(int port) {
            this.port = port;
        }

        /** @return the port, stable across restarts */
        public int port() {
            return port;
        }

        /** @return {@code redis://127.0.0.1:port} */
        public String uri() {
            return "redis://127.0.0.1:" + port;
        }

        /** Starts (or restarts) the server and waits until it accepts connections. */
        public synchronized void start() {
            try {
                server = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start embedded redis-server on port " + port, e);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Services.reachable("127.0.0.1", port)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("embedded redis-server did not listen on port " + port);
                }
                Thread.onSpinWait();
            }
        }

        /** Stops the server; connections to it fail until {@link #start()}. */
        public synchronized void stop() {
            if (server != null) {
                try {
                    server.stop();
                } catch (IOException e) {
                    throw new IllegalStateException("could not stop embedded redis-server on port " + port, e);
                }
                server = null;
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
