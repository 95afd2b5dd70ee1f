package dev.perfmon.jdbc.internal;

import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RouteGuard;
import dev.perfmon.core.RouteName;
import dev.perfmon.jdbc.DuplicateQuery;
import dev.perfmon.jdbc.NPlusOneDetected;
import io.micrometer.core.instrument.Counter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The counters of one data source's findings, {@code perfmon.nplusone{method,uri,datasource}} and
 * {@code perfmon.duplicate.query{method,uri,datasource}}, cached per kept route. Routes are admitted
 * by the instance's {@link RouteGuard}, so a route these counters fold is folded by the request timer
 * and the breakdown too, and their number stays bounded.
 */
final class FindingReporter {

    static final String NPLUSONE_METER = NPlusOneDetected.METER;
    static final String DUPLICATE_METER = DuplicateQuery.METER;

    private final PerfMon perfMon;
    private final String dataSource;
    private final RouteGuard routes;
    private final ContainedMeters meters;
    private final ConcurrentMap<String, Counter> nPlusOne = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> duplicates = new ConcurrentHashMap<>();

    FindingReporter(PerfMon perfMon, String dataSource) {
        this.perfMon = perfMon;
        this.dataSource = dataSource;
        this.routes = perfMon.routeGuard();
        this.meters = perfMon.meters(JdbcMonitor.COMPONENT);
    }

    void countNPlusOne(String route) {
        increment(counter(nPlusOne, NPLUSONE_METER, "N+1 query patterns detected (one statement run once per row)", route));
    }

    void countDuplicate(String route) {
        increment(counter(duplicates, DUPLICATE_METER, "Statements re-run with identical parameters within one request", route));
    }

    private void increment(Counter counter) {
        try {
            counter.increment();
        } catch (RuntimeException failure) {
            meters.lost(failure);
        }
    }

    private Counter counter(ConcurrentMap<String, Counter> cache, String name, String description, String route) {
        Counter counter = cache.get(route);
        if (counter != null) {
            return counter;
        }
        // A folded route is not cached under its own name: the guard may still keep it later.
        return cache.computeIfAbsent(routes.admit(route), admitted -> meters.counter(Counter.builder(name)
                .description(description)
                .tags(RouteName.tags(admitted))
                .tag("datasource", dataSource)));
    }
}
