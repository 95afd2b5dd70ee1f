package dev.perfmon.jdbc.internal;

import dev.perfmon.core.ContainedMeters;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.RouteName;
import dev.perfmon.core.TagValueGuard;
import dev.perfmon.jdbc.DuplicateQuery;
import dev.perfmon.jdbc.NPlusOneDetected;
import io.micrometer.core.instrument.Counter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The counters of one data source's findings, {@code perfmon.nplusone{method,uri,datasource}} and
 * {@code perfmon.duplicate.query{method,uri,datasource}}, cached per route; routes pass a
 * {@link TagValueGuard} so their number stays bounded.
 */
final class FindingReporter {

    static final String NPLUSONE_METER = NPlusOneDetected.METER;
    static final String DUPLICATE_METER = DuplicateQuery.METER;

    private final PerfMon perfMon;
    private final String dataSource;
    private final TagValueGuard routes;
    private final ContainedMeters meters;
    private final ConcurrentMap<String, Counter> nPlusOne = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> duplicates = new ConcurrentHashMap<>();

    FindingReporter(PerfMon perfMon, String dataSource) {
        this.perfMon = perfMon;
        this.dataSource = dataSource;
        this.routes = perfMon.newTagValueGuard();
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
        String uri = routes.admit(route);
        counter = cache.computeIfAbsent(uri, u -> meters.counter(Counter.builder(name)
                .description(description)
                .tags(RouteName.tags(u))
                .tag("datasource", dataSource)));
        if (!uri.equals(route) && cache.size() < 2 * routes.cap()) {
            // Remember folded routes too, so the next lookup skips the guard.
            cache.putIfAbsent(route, counter);
        }
        return counter;
    }
}
