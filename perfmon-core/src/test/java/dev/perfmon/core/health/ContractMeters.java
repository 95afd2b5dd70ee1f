package dev.perfmon.core.health;

import dev.perfmon.core.RouteName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Registers and feeds meters under the metric contract's exact names and tags, the way the
 * servlet, JDBC and Redis modules and Micrometer's binders do, for rule and report tests.
 */
public final class ContractMeters {

    /** SLO buckets like the servlet filter's: 0.4 s among them. */
    public static final Duration[] SLO_BUCKETS = {ms(5), ms(10), ms(25), ms(50), ms(75), ms(100), ms(200), ms(300),
            ms(400), ms(500), ms(750), ms(1000), ms(2000), ms(5000)};

    private final MeterRegistry registry;
    private final Duration histogramExpiry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

    /** Meters with Micrometer's default histogram expiry (buckets decay on non-Prometheus registries). */
    public ContractMeters(MeterRegistry registry) {
        this(registry, null);
    }

    /** @param histogramExpiry the timers' distribution expiry; a long one keeps buckets cumulative */
    public ContractMeters(MeterRegistry registry, Duration histogramExpiry) {
        this.registry = registry;
        this.histogramExpiry = histogramExpiry;
    }

    public static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /** Records {@code n} requests of one route and status, each taking {@code duration}. */
    public ContractMeters requests(int n, String method, String uri, int status, Duration duration) {
        Timer timer = timers.computeIfAbsent(method + uri + status, k -> {
            Timer.Builder b = Timer.builder("http.server.requests")
                    .tag("method", method).tag("uri", uri).tag("status", Integer.toString(status))
                    .tag("outcome", outcome(status)).tag("exception", "none").tag("error", "none")
                    .serviceLevelObjectives(SLO_BUCKETS)
                    .publishPercentileHistogram();
            if (histogramExpiry != null) {
                b.distributionStatisticExpiry(histogramExpiry).distributionStatisticBufferLength(1);
            }
            return b.register(registry);
        });
        for (int i = 0; i < n; i++) {
            timer.record(duration);
        }
        return this;
    }

    /** Records time of one segment for {@code n} scopes of a route ({@code GET /posts}, tagged as perfmon tags it). */
    public ContractMeters segment(int n, String route, String segment, Duration each) {
        Timer timer = Timer.builder("perfmon.request.segment").tags(RouteName.tags(route)).tag("segment", segment)
                .register(registry);
        for (int i = 0; i < n; i++) {
            timer.record(each);
        }
        return this;
    }

    /** Records {@code statements} SQL statements for each of {@code n} scopes of a route. */
    public ContractMeters statements(int n, String route, int statements) {
        DistributionSummary summary = DistributionSummary.builder("perfmon.request.statements").tags(RouteName.tags(route))
                .register(registry);
        for (int i = 0; i < n; i++) {
            summary.record(statements);
        }
        return this;
    }

    public ContractMeters cacheGets(String cache, int hits, int misses) {
        Counter.builder("cache.gets").tag("cache", cache).tag("result", "hit").register(registry).increment(hits);
        Counter.builder("cache.gets").tag("cache", cache).tag("result", "miss").register(registry).increment(misses);
        return this;
    }

    /** Records {@code n} loader calls after misses of one cache, as perfmon's caches time them. */
    public ContractMeters cacheLoads(String cache, int n, Duration each) {
        Timer timer = Timer.builder("cache.loads").tag("cache", cache).tag("result", "success").register(registry);
        for (int i = 0; i < n; i++) {
            timer.record(each);
        }
        return this;
    }

    /** Sets HikariCP's pool gauges. */
    public ContractMeters pool(String pool, int active, int max, int pending) {
        gauge("hikaricp.connections.active", "pool", pool, active);
        gauge("hikaricp.connections.max", "pool", pool, max);
        gauge("hikaricp.connections.pending", "pool", pool, pending);
        return this;
    }

    public ContractMeters poolTimeouts(String pool, int n) {
        Counter.builder("hikaricp.connections.timeout").tag("pool", pool).register(registry).increment(n);
        return this;
    }

    public ContractMeters cpu(double share) {
        gauge("process.cpu.usage", null, null, share);
        return this;
    }

    /** Sets G1-like heap pools: eden without a maximum, old gen carrying the heap's maximum. */
    public ContractMeters heap(double usedEden, double usedOld, double max) {
        gauge("jvm.memory.used", "id", "G1 Eden Space", usedEden, "area", "heap");
        gauge("jvm.memory.max", "id", "G1 Eden Space", -1, "area", "heap");
        gauge("jvm.memory.used", "id", "G1 Old Gen", usedOld, "area", "heap");
        gauge("jvm.memory.max", "id", "G1 Old Gen", max, "area", "heap");
        return this;
    }

    private void gauge(String name, String tag, String value, double v, String... more) {
        String key = name + tag + value + String.join(",", more);
        AtomicReference<Double> holder = gauges.computeIfAbsent(key, k -> {
            AtomicReference<Double> ref = new AtomicReference<>(0.0);
            Gauge.Builder<AtomicReference<Double>> b = Gauge.builder(name, ref, AtomicReference::get);
            if (tag != null) {
                b.tag(tag, value);
            }
            for (int i = 0; i < more.length; i += 2) {
                b.tag(more[i], more[i + 1]);
            }
            b.register(registry);
            return ref;
        });
        holder.set(v);
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
