package dev.perfmon.examples.demo.infra;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the demo's data lives: a private in-memory H2 database by default, or PostgreSQL.
 *
 * @param jdbcUrl the JDBC URL
 * @param user the user
 * @param password the password (empty for trust authentication)
 * @param schema the schema the demo creates and owns (PostgreSQL only, dropped and recreated
 *     at start), or {@code null} to use the connection's default
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, String schema) {

    /** PostgreSQL at the address the project's tests use, with trust authentication. */
    public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private static final AtomicInteger H2_NAMES = new AtomicInteger();

    /** Validates the values. */
    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported JDBC URL (H2 or PostgreSQL only): " + jdbcUrl);
        }
    }

    /**
     * @return a fresh in-memory H2 database, private to this process. The lock timeout is
     *     generous because the report endpoint's callers queue on a row lock by design.
     */
    public static DatabaseSettings h2() {
        return new DatabaseSettings("jdbc:h2:mem:perfmon-demo-" + H2_NAMES.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000", "sa", "", null);
    }

    /**
     * @param jdbcUrl a PostgreSQL URL
     * @param user the user
     * @param password the password
     * @param schema the schema to create and use
     * @return PostgreSQL settings
     */
    public static DatabaseSettings postgres(String jdbcUrl, String user, String password, String schema) {
        return new DatabaseSettings(jdbcUrl, user, password, Objects.requireNonNull(schema, "schema"));
    }

    /** @return whether this is H2 */
    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** @return a short name for logs and reports: {@code h2} or {@code postgresql} */
    public String kind() {
        return isH2() ? "h2" : "postgresql";
    }

    /** @return the URL without credentials or parameters, safe to print */
    public String displayUrl() {
        int cut = jdbcUrl.indexOf(isH2() ? ';' : '?');
        return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
    }
}
