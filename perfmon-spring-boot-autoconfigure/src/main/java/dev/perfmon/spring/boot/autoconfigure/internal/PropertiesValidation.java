package dev.perfmon.spring.boot.autoconfigure.internal;

import dev.perfmon.spring.boot.autoconfigure.JdbcProperties;
import dev.perfmon.spring.boot.autoconfigure.PerfMonProperties;
import dev.perfmon.spring.boot.autoconfigure.ReportProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Errors;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Validates {@code perfmon.*} when Boot binds it, by building what perfmon would build from it:
 * perfmon's own checks decide, and the first setting each names is reported against its
 * property, so a bad value stops the application with Boot's binding report naming
 * {@code perfmon.<property>}, never later with an exception from inside perfmon.
 */
public final class PropertiesValidation {

    private static final String SERVLET_CONFIG = "dev.perfmon.servlet.HttpMetricsConfig";
    private static final String JDBC_CONFIG = "dev.perfmon.jdbc.NPlusOneConfig";

    /** perfmon's setting names (first word of its messages) that are not the property's own name. */
    private static final Map<String, String> CORE = Map.of(
            "errorRate", "error-rate-warning",
            "serverErrorRate", "server-error-rate-warning",
            "cpu", "cpu-warning",
            "heap", "heap-warning",
            "poolWaiting", "pool-waiting-warning");
    private static final Map<String, String> HTTP = Map.of(
            "excluded", "exclude-path-prefixes",
            "declared", "declared-routes");
    private static final Map<String, String> N_PLUS_ONE = Map.of(
            "call-site", "allowed-call-sites",
            "allowSql", "allowed-sql",
            "frame", "ignored-frames",
            "application", "application-packages");

    private PropertiesValidation() {
    }

    /**
     * @param settings the bound settings
     * @param errors where each invalid setting is reported, against its property
     */
    public static void validate(PerfMonProperties settings, Errors errors) {
        check(errors, "", CORE, settings::toConfig);
        ClassLoader loader = PropertiesValidation.class.getClassLoader();
        if (ClassUtils.isPresent(SERVLET_CONFIG, loader)) {
            check(errors, "http.", HTTP, () -> HttpConfigs.toConfig(settings.getHttp(), null, List.of()));
        }
        JdbcProperties jdbc = settings.getJdbc();
        if (jdbc.getSqlCacheSize() < 1) {
            errors.rejectValue("jdbc.sql-cache-size", "invalid", "must be at least 1");
        }
        if (ClassUtils.isPresent(JDBC_CONFIG, loader)) {
            check(errors, "jdbc.n-plus-one.", N_PLUS_ONE, () -> JdbcConfigs.nPlusOne(jdbc.getNPlusOne(), List.of()));
        }
        validatePool(jdbc.getPool(), errors);
        validateReport(settings.getReport(), errors);
    }

    private static void check(Errors errors, String prefix, Map<String, String> aliases, Runnable build) {
        try {
            build.run();
        } catch (IllegalArgumentException | NullPointerException invalid) {
            String message = String.valueOf(invalid.getMessage());
            int space = message.indexOf(' ');
            String setting = space > 0 ? message.substring(0, space) : message;
            String property = aliases.getOrDefault(setting, kebab(setting));
            errors.rejectValue(prefix + property, "invalid", message);
        }
    }

    /** The pool monitor's checks, which perfmon runs only when building a monitor for a PerfMon. */
    private static void validatePool(JdbcProperties.Pool pool, Errors errors) {
        Duration interval = pool.getSampleInterval();
        if (interval == null || interval.compareTo(Duration.ofMillis(10)) < 0 || interval.compareTo(Duration.ofSeconds(1)) > 0) {
            errors.rejectValue("jdbc.pool.sample-interval", "invalid", "must be between 10 ms and 1 s, was " + interval);
        }
        positive(errors, "jdbc.pool.exhaustion-threshold", pool.getExhaustionThreshold(), false);
        positive(errors, "jdbc.pool.quiet-period", pool.getQuietPeriod(), false);
        positive(errors, "jdbc.pool.long-hold-threshold", pool.getLongHoldThreshold(), true);
        if (pool.getMaxHolders() < 1 || pool.getMaxHolders() > 100) {
            errors.rejectValue("jdbc.pool.max-holders", "invalid", "must be between 1 and 100, was " + pool.getMaxHolders());
        }
    }

    private static void validateReport(ReportProperties report, Errors errors) {
        positive(errors, "report.sample-interval", report.getSampleInterval(), false);
        positive(errors, "report.retention", report.getRetention(), false);
        if (report.getMaxFindings() < 1) {
            errors.rejectValue("report.max-findings", "invalid", "must be at least 1, was " + report.getMaxFindings());
        }
    }

    private static void positive(Errors errors, String property, @Nullable Duration value, boolean optional) {
        if (value == null ? !optional : value.isNegative() || value.isZero()) {
            errors.rejectValue(property, "invalid", "must be positive, was " + value);
        }
    }

    private static String kebab(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
