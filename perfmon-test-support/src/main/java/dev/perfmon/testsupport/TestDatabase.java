package dev.perfmon.testsupport;

import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database the tests run against. {@link #all()} gives H2 always, plus PostgreSQL at
 * {@code PERFMON_PG_URL} or 127.0.0.1:5432 (database {@code test}, user {@code postgres},
 * trust auth). Under {@code CI=true} an unreachable PostgreSQL fails the run with
 * instructions; elsewhere the database tests run on H2 alone and say so once.
 *
 * @param name {@code h2} or {@code postgresql}, for test display names
 * @param jdbcUrl the JDBC URL
 * @param user the user
 * @param password the password (empty for trust auth)
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {

    private static final String PG_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
    private static final AtomicInteger H2_NAMES = new AtomicInteger();
    private static volatile @Nullable Boolean postgresAvailable;

    /** @return a fresh, private in-memory H2 database (PostgreSQL mode), alive while the JVM runs */
    public static TestDatabase h2() {
        return new TestDatabase("h2",
                "jdbc:h2:mem:perfmon" + H2_NAMES.incrementAndGet() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                "sa", "");
    }

    /** @return the PostgreSQL test database; fails when it is unreachable */
    public static TestDatabase postgres() {
        if (!postgresAvailable()) {
            throw Services.missingInCi("PostgreSQL", pgUrl(), PG_START);
        }
        return new TestDatabase("postgresql", pgUrl(), "postgres", "");
    }

    /** @return H2, and PostgreSQL when reachable (always required under CI) */
    public static List<TestDatabase> all() {
        List<TestDatabase> databases = new ArrayList<>();
        databases.add(h2());
        if (postgresAvailable()) {
            databases.add(postgres());
        }
        return databases;
    }

    private static String pgUrl() {
        String configured = System.getenv("PERFMON_PG_URL");
        return configured != null && !configured.isBlank() ? configured : "jdbc:postgresql://127.0.0.1:5432/test";
    }

    private static synchronized boolean postgresAvailable() {
        if (postgresAvailable == null) {
            boolean ok = canConnect();
            if (!ok && Services.inCi()) {
                throw Services.missingInCi("PostgreSQL", pgUrl(), PG_START);
            }
            if (!ok) {
                System.err.println("perfmon tests: PostgreSQL not reachable at " + pgUrl()
                        + "; database tests run on H2 only (under CI=true this fails the build)");
            }
            postgresAvailable = ok;
        }
        return postgresAvailable;
    }

    private static boolean canConnect() {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "2");
        try (Connection ignored = DriverManager.getConnection(pgUrl(), props)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** @return a new plain driver connection */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** @return whether this is PostgreSQL */
    public boolean isPostgres() {
        return "postgresql".equals(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
