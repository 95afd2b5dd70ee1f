package dev.perfmon.examples.demo;

import dev.perfmon.core.RouteName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads the raw meters the report is built from, independently of the report: totals straight
 * from the timers and counters, and quantiles with PromQL's histogram_quantile arithmetic over
 * the timers' own bucket counts.
 */
final class RawMeters {

    private final MeterRegistry registry;

    RawMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    private Collection<Timer> http(Predicate<Timer> which) {
        return registry.find("http.server.requests").timers().stream().filter(which).toList();
    }

    static Predicate<Timer> route(String method, String uri) {
        return t -> method.equals(t.getId().getTag("method")) && uri.equals(t.getId().getTag("uri"));
    }

    static Predicate<Timer> uri(String uri) {
        return t -> uri.equals(t.getId().getTag("uri"));
    }

    /** The request timers of one route as perfmon spells it, {@code GET /posts/{id}}. */
    static Predicate<Timer> route(String route) {
        return t -> RouteName.method(route).equals(t.getId().getTag("method"))
                && RouteName.template(route).equals(t.getId().getTag("uri"));
    }

    static Predicate<Timer> all() {
        return t -> true;
    }

    static Predicate<Timer> status(String prefix) {
        return t -> String.valueOf(t.getId().getTag("status")).startsWith(prefix);
    }

    long requests(Predicate<Timer> which) {
        return http(which).stream().mapToLong(Timer::count).sum();
    }

    double seconds(Predicate<Timer> which) {
        return http(which).stream().mapToDouble(t -> t.totalTime(TimeUnit.SECONDS)).sum();
    }

    /** @return histogram_quantile(q) in milliseconds over the merged buckets of the matching timers */
    double quantileMs(Predicate<Timer> which, double q) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        double total = 0;
        for (Timer timer : http(which)) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            total += snapshot.count();
            for (CountAtBucket bucket : snapshot.histogramCounts()) {
                cumulative.merge(bucket.bucket(TimeUnit.SECONDS), bucket.count(), Double::sum);
            }
        }
        List<Double> bounds = List.copyOf(cumulative.keySet());
        double rank = q * total;
        double previousBound = 0;
        double previousCount = 0;
        for (Double bound : bounds) {
            double count = cumulative.get(bound);
            if (count >= rank) {
                return 1000 * (previousBound + (bound - previousBound) * (rank - previousCount) / (count - previousCount));
            }
            previousBound = bound;
            previousCount = count;
        }
        return 1000 * previousBound;
    }

    double segmentSeconds(String route, String segment) {
        return registry.find("perfmon.request.segment").tags(RouteName.tags(route)).tag("segment", segment).timers().stream()
                .mapToDouble(t -> t.totalTime(TimeUnit.SECONDS)).sum();
    }

    double statementsPerRequest(String route) {
        DistributionSummary summary = registry.find("perfmon.request.statements").tags(RouteName.tags(route)).summary();
        return summary == null || summary.count() == 0 ? Double.NaN : summary.totalAmount() / summary.count();
    }

    double counter(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    double gauge(String name, String... tags) {
        return registry.find(name).tags(tags).gauge().value();
    }
}
