package dev.perfmon.benchmarks.servlet;

import dev.perfmon.servlet.HttpMetricsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The whole request's metric contract written inline, with no perfmon code: the meters a request
 * must update (the {@code http.server.requests} timer with SLO buckets and its
 * {@code http.server.requests.active} long task timer, the three {@code perfmon.request.segment}
 * timers and {@code perfmon.request.statements}, a {@code jdbc.query} record per statement, a
 * {@code cache.gets} hit) and the clock reads that time them, all looked up once at setup. HikariCP's
 * own Micrometer tracker keeps the pool's meters. It names no route, keeps no N+1 or pool-holder
 * state, takes no request sample and guards no tag value: the floor under any implementation of the
 * contract, not a usable one. Requests run one at a time, so the per-request sums are plain fields.
 */
final class ContractStack {

    private static final Duration[] SLO = HttpMetricsConfig.DEFAULT_SLO_BUCKETS.toArray(new Duration[0]);

    private final LongTaskTimer active;
    private final Timer requests;
    private final Timer poolSegment;
    private final Timer querySegment;
    private final Timer redisSegment;
    private final DistributionSummary statements;
    private final Timer jdbcQuery;
    private final Counter hits;

    private long poolNanos;
    private long queryNanos;
    private long redisNanos;
    private int statementCount;

    ContractStack(MeterRegistry registry, String route) {
        active = LongTaskTimer.builder("http.server.requests.active").tags("method", "GET", "uri", route)
                .register(registry);
        requests = Timer.builder("http.server.requests").serviceLevelObjectives(SLO)
                .tags("method", "GET", "uri", route, "status", "200", "outcome", "SUCCESS", "exception", "none",
                        "error", "none")
                .register(registry);
        poolSegment = segment(registry, route, "db.pool");
        querySegment = segment(registry, route, "db.query");
        redisSegment = segment(registry, route, "redis");
        statements = DistributionSummary.builder("perfmon.request.statements").tags("method", "GET", "uri", route)
                .register(registry);
        jdbcQuery = Timer.builder("jdbc.query").tags("datasource", "main", "type", "select", "outcome", "success")
                .register(registry);
        hits = Counter.builder("cache.gets").tags("cache", "posts", "result", "hit").register(registry);
    }

    private static Timer segment(MeterRegistry registry, String route, String name) {
        return Timer.builder("perfmon.request.segment").tags("method", "GET", "uri", route, "segment", name)
                .register(registry);
    }

    /** Times the request and publishes its breakdown once the chain returns. */
    Filter filter() {
        return (request, response, chain) -> {
            LongTaskTimer.Sample inFlight = active.start();
            long start = System.nanoTime();
            poolNanos = 0;
            queryNanos = 0;
            redisNanos = 0;
            statementCount = 0;
            try {
                chain.doFilter(request, response);
            } finally {
                requests.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                inFlight.stop();
                poolSegment.record(poolNanos, TimeUnit.NANOSECONDS);
                querySegment.record(queryNanos, TimeUnit.NANOSECONDS);
                redisSegment.record(redisNanos, TimeUnit.NANOSECONDS);
                statements.record(statementCount);
            }
        };
    }

    /** The application's work of {@link WholeRequestBenchmark}, each step timed where it happens. */
    FilterChain chain(DataSource dataSource, Callable<byte[]> cacheGet) {
        return (request, response) -> {
            try {
                int found = 0;
                long borrowing = System.nanoTime();
                try (Connection connection = dataSource.getConnection()) {
                    poolNanos += System.nanoTime() - borrowing;
                    for (String sql : WholeRequestBenchmark.SQL) {
                        try (PreparedStatement statement = connection.prepareStatement(sql)) {
                            statement.setInt(1, 2);
                            long executing = System.nanoTime();
                            try (ResultSet rows = statement.executeQuery()) {
                                long took = System.nanoTime() - executing;
                                jdbcQuery.record(took, TimeUnit.NANOSECONDS);
                                queryNanos += took;
                                statementCount++;
                                found += rows.next() ? rows.getString(1).length() : 0;
                            }
                        }
                    }
                }
                long getting = System.nanoTime();
                byte[] cached = cacheGet.call();
                redisNanos += System.nanoTime() - getting;
                hits.increment();
                response.setContentLength(found + cached.length);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
