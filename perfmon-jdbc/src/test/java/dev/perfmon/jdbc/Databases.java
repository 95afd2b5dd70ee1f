package dev.perfmon.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One HikariCP pool per test database for the whole test JVM. On PostgreSQL (shared by several
 * builds) every pool works in a schema of its own, {@code nplus_<pid>_<random>}, dropped when the
 * JVM exits, so concurrent builds never see each other's tables.
 */
public final class Databases {

    private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();

    private Databases() {
    }

    /** @return the shared pool for {@code db}'s kind (h2 or postgresql), created on first use */
    public static HikariDataSource pool(TestDatabase db) {
        return POOLS.computeIfAbsent(db.name(), name -> create(db));
    }

    private static HikariDataSource create(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setPoolName("nplus-" + db.name());
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(1);
        if (db.isPostgres()) {
            String schema = "nplus_" + ProcessHandle.current().pid() + "_"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("create schema " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema " + schema, e);
            }
            config.setSchema(schema);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(db, schema)));
        }
        return new HikariDataSource(config);
    }

    private static void dropSchema(TestDatabase db, String schema) {
        HikariDataSource pool = POOLS.get(db.name());
        if (pool != null) {
            pool.close();
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e);
        }
    }

    /** Runs DDL/DML outside any instrumentation. */
    public static void execute(TestDatabase db, String... statements) {
        try (Connection c = pool(db).getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
