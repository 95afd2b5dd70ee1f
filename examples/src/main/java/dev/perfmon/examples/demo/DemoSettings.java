package dev.perfmon.examples.demo;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.examples.demo.domain.Seeder;
import dev.perfmon.examples.demo.infra.DatabaseSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run the demo service.
 *
 * @param host the interface to listen on ({@code 127.0.0.1} unless asked otherwise)
 * @param port the port, 0 for a free one
 * @param database where the data lives
 * @param redisUri the Redis to cache in, {@code null} for the local one or else an embedded one, or
 *     {@code "embedded"} ({@link dev.perfmon.examples.demo.infra.DemoRedis#EMBEDDED}) for an embedded one
 * @param poolSize the HikariCP pool size
 * @param connectionTimeout how long a request waits for a pooled connection before a 503
 * @param seeder the data to start with
 * @param exhaustionThreshold how long threads must wait on a full pool before perfmon opens an
 *     exhaustion episode (perfmon's default: 1 s)
 * @param perfMonConfig perfmon's thresholds and objectives (its defaults: p99 SLO 400 ms, ...)
 * @param perfMonEnabled {@code false} runs the same service without perfmon: no filter, no
 *     DataSource decorator, no pool monitor, plain Lettuce for the cache (to measure what perfmon costs)
 */
public record DemoSettings(String host, int port, DatabaseSettings database, String redisUri, int poolSize,
                           Duration connectionTimeout, Seeder seeder, Duration exhaustionThreshold,
                           PerfMonConfig perfMonConfig, boolean perfMonEnabled) {

    /** Validates the values. */
    public DemoSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(seeder, "seeder");
        Objects.requireNonNull(exhaustionThreshold, "exhaustionThreshold");
        Objects.requireNonNull(perfMonConfig, "perfMonConfig");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
        }
    }

    /** @return loopback, a free port, in-memory H2, local or embedded Redis, pool 20, 5 s connection timeout */
    public static DemoSettings defaults() {
        return new DemoSettings("127.0.0.1", 0, DatabaseSettings.h2(), null, 20, Duration.ofSeconds(5),
                Seeder.standard(), Duration.ofSeconds(1), PerfMonConfig.defaults(), true);
    }

    /** @return a copy listening on {@code port} */
    public DemoSettings withPort(int port) {
        return new DemoSettings(host, port, database, redisUri, poolSize, connectionTimeout, seeder, exhaustionThreshold,
                perfMonConfig, perfMonEnabled);
    }

    /** @return a copy listening on {@code host} */
    public DemoSettings withHost(String host) {
        return new DemoSettings(host, port, database, redisUri, poolSize, connectionTimeout, seeder, exhaustionThreshold,
                perfMonConfig, perfMonEnabled);
    }

    /** @return a copy using {@code database} */
    public DemoSettings withDatabase(DatabaseSettings database) {
        return new DemoSettings(host, port, database, redisUri, poolSize, connectionTimeout, seeder, exhaustionThreshold,
                perfMonConfig, perfMonEnabled);
    }

    /** @return a copy caching in the Redis at {@code redisUri} (or an embedded one for {@code "embedded"}) */
    public DemoSettings withRedis(String redisUri) {
        return new DemoSettings(host, port, database, redisUri, poolSize, connectionTimeout, seeder, exhaustionThreshold,
                perfMonConfig, perfMonEnabled);
    }

    /** @return a copy with another pool size */
    public DemoSettings withPoolSize(int poolSize) {
        return new DemoSettings(host, port, database, redisUri, poolSize, connectionTimeout, seeder, exhaustionThreshold,
                perfMonConfig, perfMonEnabled);
    }

    /** @return a copy with another connection timeout */
    public DemoSettings withConnectionTimeout(Duration connectionTimeout) {
        return new DemoSettings(host, port, database, redisUri, poolSize, connectionTimeout, seeder, exhaustionThreshold,
                perfMonConfig, perfMonEnabled);
    }

    /** @return a copy with another exhaustion threshold */
    public DemoSettings withExhaustionThreshold(Duration exhaustionThreshold) {
        return new DemoSettings(host, port, database, redisUri, poolSize, connectionTimeout, seeder, exhaustionThreshold,
                perfMonConfig, perfMonEnabled);
    }

    /** @return a copy with other perfmon thresholds and objectives */
    public DemoSettings withPerfMonConfig(PerfMonConfig perfMonConfig) {
        return new DemoSettings(host, port, database, redisUri, poolSize, connectionTimeout, seeder, exhaustionThreshold,
                perfMonConfig, perfMonEnabled);
    }

    /** @return a copy seeded by {@code seeder} */
    public DemoSettings withSeeder(Seeder seeder) {
        return new DemoSettings(host, port, database, redisUri, poolSize, connectionTimeout, seeder, exhaustionThreshold,
                perfMonConfig, perfMonEnabled);
    }

    /** @return a copy with perfmon wired in ({@code true}, the default) or left out entirely */
    public DemoSettings withPerfMon(boolean enabled) {
        return new DemoSettings(host, port, database, redisUri, poolSize, connectionTimeout, seeder, exhaustionThreshold,
                perfMonConfig, enabled);
    }
}
