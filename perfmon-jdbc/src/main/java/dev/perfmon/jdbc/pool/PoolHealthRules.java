package dev.perfmon.jdbc.pool;

import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.core.health.HealthRule;
import dev.perfmon.core.health.MetricWindow;
import dev.perfmon.core.health.RuleQuery;
import dev.perfmon.core.health.RuleUnit;
import io.micrometer.core.instrument.Meter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.perfmon.core.health.MetricWindow.all;
import static dev.perfmon.core.health.MetricWindow.tags;

/**
 * The connection pools' default health rules, over HikariCP's own meters, with thresholds from
 * {@link PerfMonConfig}: threads waiting on a full pool ({@code poolWaitingWarning} /
 * {@code poolWaitingCritical}) and connection timeouts. {@link PoolDiagnosis} contributes them
 * to every {@code HealthMonitor} of a PerfMon a pool is attached to; each carries its PromQL
 * twin for the Prometheus export. Adjust one with {@code toBuilder()} and add it to the monitor
 * under the same name.
 */
public final class PoolHealthRules {

    private static final String ACTIVE = "hikaricp.connections.active";
    private static final String MAX = "hikaricp.connections.max";
    private static final String PENDING = "hikaricp.connections.pending";
    private static final String TIMEOUT = "hikaricp.connections.timeout";

    private PoolHealthRules() {
    }

    /** @return {@link #waiting} and {@link #timeouts} */
    public static List<HealthRule> defaults(PerfMonConfig config) {
        return List.of(waiting(config), timeouts());
    }

    /**
     * Most threads seen waiting for a connection within 1 min, per pool, while that pool was
     * full: more than {@code poolWaitingWarning} / {@code poolWaitingCritical}.
     */
    public static HealthRule waiting(PerfMonConfig config) {
        return HealthRule.builder("hikaricp.pool.waiting")
                .description("threads waiting for a connection of a full pool")
                .above(config.poolWaitingWarning(), config.poolWaitingCritical())
                .unit(RuleUnit.COUNT)
                .window(Duration.ofMinutes(1))
                .query(PoolHealthRules::waitersOfFullPools)
                .promQl("max by (instance, pool) (max_over_time(hikaricp_connections_pending[$window]))")
                .promGuard("max by (instance, pool) (max_over_time(hikaricp_connections_active[$window]))"
                        + " >= max by (instance, pool) (hikaricp_connections_max)")
                .seriesLabels("instance, pool")
                .build();
    }

    /** Connection acquisitions that timed out within 5 min, per pool: critical at the first, at once. */
    public static HealthRule timeouts() {
        return HealthRule.builder("hikaricp.pool.timeouts")
                .description("connection timeouts")
                .above(Double.NaN, 0)
                .unit(RuleUnit.COUNT)
                .forDuration(Duration.ZERO)
                .query(RuleQuery.perTag(TIMEOUT, "pool", (w, pool) -> w.increase(TIMEOUT, pool)))
                .promQl("sum by (instance, pool) (increase(hikaricp_connections_timeout_total[$window]))")
                .seriesLabels("instance, pool")
                .build();
    }

    private static Map<String, Double> waitersOfFullPools(MetricWindow w) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (List<String> group : w.groups(PENDING, all(), "pool")) {
            Predicate<Meter.Id> pool = tags("pool", group.get(0));
            double waiting = w.gaugeMax(PENDING, pool);
            double peakActive = w.gaugeMax(ACTIVE, pool);
            double size = w.gauge(MAX, pool);
            boolean full = !Double.isNaN(peakActive) && !Double.isNaN(size) && peakActive >= size;
            values.put(group.get(0), Double.isNaN(waiting) ? Double.NaN : full ? waiting : 0);
        }
        return values;
    }
}
