package dev.perfmon.examples.demo.infra;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Function;

/**
 * The demo's HikariCP pool. Twenty connections, like the service in the story: enough for
 * normal traffic, too few once a slow endpoint holds them.
 */
public final class DemoDatabase implements AutoCloseable {

    /** The pool's name, which is also its {@code pool} tag value. */
    public static final String POOL_NAME = "demo";

    private final DatabaseSettings settings;
    private final HikariDataSource pool;

    private DemoDatabase(DatabaseSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Prepares the schema (PostgreSQL) and opens the pool.
     *
     * @param settings where the data lives
     * @param poolSize the pool size
     * @param connectionTimeout how long a request may wait for a connection before failing
     * @param poolFactory starts the pool from its configuration (perfmon's pool monitor does, to watch it)
     * @return the open database
     */
    public static DemoDatabase open(DatabaseSettings settings, int poolSize, Duration connectionTimeout,
                                    Function<HikariConfig, HikariDataSource> poolFactory) {
        if (settings.schema() != null) {
            recreateSchema(settings);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        if (settings.schema() != null) {
            config.setSchema(settings.schema());
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        return new DemoDatabase(settings, poolFactory.apply(config));
    }

    private static void recreateSchema(DatabaseSettings settings) {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
                settings.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + settings.schema() + " CASCADE");
            statement.execute("CREATE SCHEMA " + settings.schema());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare schema " + settings.schema() + " at "
                    + settings.displayUrl() + ": " + e.getMessage(), e);
        }
    }

    /** @return where the data lives */
    public DatabaseSettings settings() {
        return settings;
    }

    /** @return the pool itself (uninstrumented) */
    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        if (settings.isH2()) {
            // The in-memory database outlives the pool (DB_CLOSE_DELAY=-1); free it.
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already gone
            }
        } else if (settings.schema() != null) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + settings.schema() + " CASCADE");
            } catch (SQLException ignored) {
                // best effort: the next start drops it anyway
            }
        }
        pool.close();
    }
}
