package dev.perfmon.examples.demo;

import dev.perfmon.examples.demo.infra.DatabaseSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The command line: {@code load} or {@code serve} and their options. */
final class DemoOptions {

    static final String USAGE = """
            usage: java -jar perfmon-demo.jar <mode> [options]

            modes:
              load    start the service, drive it with the built-in load client (warm-up, steady,
                      overload, recovery), print perfmon's report and exit
              serve   start the service and keep running: /perfmon/ (dashboard), /metrics, /health, /posts ...

            options:
              --duration <d>        load: length of the run, e.g. 60s, 2m (default 60s, at least 12s)
              --users <n>           load: simulated users, 5 reads per write (default 40)
              --report-callers <n>  load: callers of /reports/slow in the overload phase (default 30)
              --traffic <n>         serve: run the load client in the background with n users, phases repeating
              --cycle <d>           serve: length of one round of background phases (default 60s)
              --port <n>            port to listen on (load default: a free one; serve default 8080)
              --host <addr>         interface to listen on (default 127.0.0.1)
              --db h2|postgres      database (default h2, in memory); postgres uses %s
              --jdbc-url <url>      a PostgreSQL (or H2) URL instead; --db-user, --db-password
              --redis <uri>         redis://host:port (default: 127.0.0.1:6379 if it answers, else an embedded redis-server);
                                    embedded: an embedded redis-server without looking for a local one
              --json <file>         load: also write the report as JSON
              --html <file>         load: also write the report as an HTML fragment
              --perfmon on|off      off: the same service without perfmon (no filter, no DataSource decorator,
                                    no pool monitor, plain Lettuce); load prints the load client's numbers only
            """.formatted(DatabaseSettings.DEFAULT_POSTGRES_URL);

    String mode;
    Duration duration = Duration.ofSeconds(60);
    int users = 40;
    int reportCallers = 30;
    int traffic;
    Duration cycle = Duration.ofSeconds(60);
    Integer port;
    String host = "127.0.0.1";
    String db = "h2";
    String jdbcUrl;
    String dbUser;
    String dbPassword;
    String redis;
    Path json;
    Path html;
    boolean perfMon = true;

    static DemoOptions parse(String[] args) {
        DemoOptions options = new DemoOptions();
        if (args.length == 0) {
            throw new IllegalArgumentException("missing mode");
        }
        options.mode = args[0];
        if (!options.mode.equals("load") && !options.mode.equals("serve")) {
            throw new IllegalArgumentException("unknown mode: " + options.mode);
        }
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                value = args[++i];
            }
            switch (name) {
                case "--duration" -> options.duration = duration(value);
                case "--users" -> options.users = positive(name, value);
                case "--report-callers" -> options.reportCallers = positive(name, value);
                case "--traffic" -> options.traffic = positive(name, value);
                case "--cycle" -> options.cycle = duration(value);
                case "--port" -> options.port = port(value);
                case "--host" -> options.host = value;
                case "--db" -> options.db = value.toLowerCase(Locale.ROOT);
                case "--jdbc-url" -> options.jdbcUrl = value;
                case "--db-user" -> options.dbUser = value;
                case "--db-password" -> options.dbPassword = value;
                case "--redis" -> options.redis = value;
                case "--json" -> options.json = Path.of(value);
                case "--html" -> options.html = Path.of(value);
                case "--perfmon" -> options.perfMon = onOff(name, value);
                default -> throw new IllegalArgumentException("unknown option: " + name);
            }
        }
        if (!options.db.equals("h2") && !options.db.equals("postgres")) {
            throw new IllegalArgumentException("--db must be h2 or postgres: " + options.db);
        }
        return options;
    }

    DatabaseSettings database() {
        if (jdbcUrl != null) {
            if (jdbcUrl.startsWith("jdbc:h2:")) {
                return new DatabaseSettings(jdbcUrl, dbUser == null ? "sa" : dbUser, dbPassword, null);
            }
            return DatabaseSettings.postgres(jdbcUrl, dbUser == null ? "postgres" : dbUser, dbPassword, "perfmon_demo");
        }
        if (db.equals("postgres")) {
            return DatabaseSettings.postgres(DatabaseSettings.DEFAULT_POSTGRES_URL,
                    dbUser == null ? "postgres" : dbUser, dbPassword, "perfmon_demo");
        }
        return DatabaseSettings.h2();
    }

    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration (try 60s or 2m): " + value);
        }
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value);
        }
    }

    private static boolean onOff(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off: " + value);
        };
    }

    private static int port(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > 65_535) {
                throw new IllegalArgumentException("--port must be 0 to 65535: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number: " + value);
        }
    }
}
