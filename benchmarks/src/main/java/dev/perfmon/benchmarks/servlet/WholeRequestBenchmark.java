package dev.perfmon.benchmarks.servlet;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.jdbc.PerfMonDataSource;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import dev.perfmon.redis.PerfMonCache;
import dev.perfmon.redis.ValueCodec;
import dev.perfmon.servlet.PerfMonFilter;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import net.ttddyy.observation.tracing.DataSourceObservationListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.web.filter.ServerHttpObservationFilter;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a whole request costs: a servlet filter around {@code GET /posts/42} whose handler borrows a
 * pooled connection (HikariCP over in-memory H2), runs three different prepared statements by key,
 * returns the connection and makes one cache get. Three stacks with the same coverage:
 * <ul>
 *   <li>{@code none}: no instrumentation, the floor every other row includes;</li>
 *   <li>{@code perfmon}: {@link PerfMonFilter}, a pool built by {@link PerfMonPoolMonitor},
 *       {@link PerfMonDataSource} over it, and {@link PerfMonCache} for the get;</li>
 *   <li>{@code boot}: what Spring Boot wires for the same coverage: {@link ServerHttpObservationFilter}
 *       with Micrometer's {@link DefaultMeterObservationHandler}, HikariCP's
 *       {@link MicrometerMetricsTrackerFactory}, datasource-micrometer's
 *       {@link DataSourceObservationListener} (connection, query and result-set observations, Boot's
 *       default) through datasource-proxy, and Lettuce's {@link MicrometerCommandLatencyRecorder};</li>
 *   <li>{@code contract}: the metric contract's meters recorded inline with nothing else
 *       ({@link ContractStack}): the floor under any implementation of the contract.</li>
 * </ul>
 * The cache get is in-process in every row: the Redis commands are a stub whose GET returns a
 * completed future (a real round trip, ~50-100 us here, would bury the difference being measured).
 * For the {@code boot} row Lettuce's latency recorder is called the way Lettuce's command handler
 * calls it for each completed command (two clock reads, then the record). Each stack has its own
 * {@link SimpleMeterRegistry}.
 *
 * <p>{@code threads=platform} runs the request on the benchmark thread; {@code threads=virtual}
 * runs each request on a fresh virtual thread and waits for it (JDK 21+; every row pays the
 * thread's start and join, so compare rows of one {@code threads} value).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WholeRequestBenchmark {

    private static final String BEST_MATCHING = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    static final String ROUTE = "/posts/{id}";
    /** Three different statements, as a request that is not an N+1 runs (a repeat is measured elsewhere). */
    static final String[] SQL = {
        "select title, author_id from posts where id = ?",
        "select name from users where id = ?",
        "select count(*) from comments where post_id = ?"};
    private static final String KEY = "post:42";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 50_000);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 6379);

    /** {@code platform} or {@code virtual} (JDK 21+). */
    @Param({"platform"})
    public String threads;

    private final PlainRequest request = new PlainRequest("GET", "/posts/42", MappingMatch.DEFAULT, "/");
    private final PlainResponse response = new PlainResponse();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private ExecutorService virtualThreads;

    private Stack none;
    private Stack perfmon;
    private Stack boot;
    private Stack contract;

    /** One way of serving the request: its filter (null for none), data source and cache get. */
    private static final class Stack {
        Filter filter;
        DataSource dataSource;
        Callable<byte[]> cacheGet;
        FilterChain chain;
    }

    @Setup
    public void setUp() throws Exception {
        RedisClusterAsyncCommands<String, byte[]> redis = stubRedis();

        none = new Stack();
        none.dataSource = pool("none", null);
        none.cacheGet = () -> redis.get(KEY).get(100, TimeUnit.MILLISECONDS);
        none.chain = chain(none);

        MeterRegistry perfmonMeters = new SimpleMeterRegistry();
        PerfMon perfMon = PerfMon.builder(perfmonMeters).config(PerfMonConfig.builder().logFindings(false).build())
                .build();
        PerfMonPoolMonitor monitor = PerfMonPoolMonitor.builder(perfMon).build();
        HikariDataSource monitored = monitor.createDataSource(config("perfmon", null));
        closing.add(monitored);
        closing.add(monitor);
        closing.add(perfMon);
        PerfMonCache<byte[]> cache = PerfMonCache.builder(perfMon, redis).name("posts").codec(ValueCodec.bytes())
                .timeout(Duration.ofMillis(100)).build();
        perfmon = new Stack();
        perfmon.filter = new PerfMonFilter(perfMon);
        perfmon.dataSource = PerfMonDataSource.builder(monitored, perfMon).name("main").build();
        perfmon.cacheGet = () -> cache.get(KEY);
        perfmon.chain = chain(perfmon);

        MeterRegistry bootMeters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(bootMeters));
        DataSourceObservationListener jdbcObservations = new DataSourceObservationListener(observations);
        MicrometerCommandLatencyRecorder lettuce = new MicrometerCommandLatencyRecorder(bootMeters,
                MicrometerOptions.create());
        boot = new Stack();
        boot.filter = new ServerHttpObservationFilter(observations);
        boot.dataSource = ProxyDataSourceBuilder.create(pool("boot", new MicrometerMetricsTrackerFactory(bootMeters)))
                .name("dataSource").listener(jdbcObservations).methodListener(jdbcObservations).proxyResultSet()
                .build();
        boot.cacheGet = () -> {
            long sent = System.nanoTime();
            byte[] value = redis.get(KEY).get(100, TimeUnit.MILLISECONDS);
            long done = System.nanoTime() - sent;
            lettuce.recordCommandLatency(LOCAL, REMOTE, CommandType.GET, done, done);
            return value;
        };
        boot.chain = chain(boot);

        MeterRegistry contractMeters = new SimpleMeterRegistry();
        ContractStack contractMetrics = new ContractStack(contractMeters, ROUTE);
        contract = new Stack();
        contract.filter = contractMetrics.filter();
        contract.dataSource = pool("contract", new MicrometerMetricsTrackerFactory(contractMeters));
        contract.cacheGet = none.cacheGet;
        contract.chain = contractMetrics.chain(contract.dataSource, contract.cacheGet);

        if (threads.equals("virtual")) {
            virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } else if (!threads.equals("platform")) {
            throw new IllegalArgumentException("threads: platform or virtual, not " + threads);
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        if (virtualThreads != null) {
            virtualThreads.shutdown();
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @Benchmark
    public Object none() throws Exception {
        return serve(none);
    }

    @Benchmark
    public Object perfmon() throws Exception {
        return serve(perfmon);
    }

    @Benchmark
    public Object boot() throws Exception {
        return serve(boot);
    }

    @Benchmark
    public Object contract() throws Exception {
        return serve(contract);
    }

    private Object serve(Stack stack) throws Exception {
        if (virtualThreads == null) {
            return handle(stack);
        }
        return virtualThreads.submit(() -> handle(stack)).get();
    }

    /** A container starts every request with no attributes and status 200. */
    private Object handle(Stack stack) throws Exception {
        request.reset();
        response.reset200();
        if (stack.filter == null) {
            stack.chain.doFilter(request, response);
        } else {
            stack.filter.doFilter(request, response, stack.chain);
        }
        return response;
    }

    /** What the application does once routed: the route known to both filters, three statements, one get. */
    private static FilterChain chain(Stack stack) {
        return (req, res) -> {
            HttpServletRequest http = (HttpServletRequest) req;
            http.setAttribute(BEST_MATCHING, ROUTE);
            ServerHttpObservationFilter.findObservationContext(http).ifPresent(c -> c.setPathPattern(ROUTE));
            try {
                int found = 0;
                try (Connection connection = stack.dataSource.getConnection()) {
                    for (String sql : SQL) {
                        try (PreparedStatement statement = connection.prepareStatement(sql)) {
                            statement.setInt(1, 2);
                            try (ResultSet rows = statement.executeQuery()) {
                                found += rows.next() ? rows.getString(1).length() : 0;
                            }
                        }
                    }
                }
                byte[] cached = stack.cacheGet.call();
                res.setContentLength(found + cached.length);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private HikariDataSource pool(String name, MicrometerMetricsTrackerFactory metrics) throws SQLException {
        HikariDataSource pool = new HikariDataSource(config(name, metrics));
        closing.add(pool);
        return pool;
    }

    private static HikariConfig config(String name, MicrometerMetricsTrackerFactory metrics) throws SQLException {
        String url = "jdbc:h2:mem:request-bench-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("create table posts (id int primary key, title varchar(100), author_id int)");
            s.execute("insert into posts select x, 'a post title number ' || x, x from system_range(1, 10)");
            s.execute("create table users (id int primary key, name varchar(100))");
            s.execute("insert into users select x, 'user ' || x from system_range(1, 10)");
            s.execute("create table comments (id int primary key, post_id int, body varchar(100))");
            s.execute("create index comments_post on comments(post_id)");
            s.execute("insert into comments select x, mod(x, 10), 'comment ' || x from system_range(1, 50)");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPoolName(name);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        if (metrics != null) {
            config.setMetricsTrackerFactory(metrics);
        }
        return config;
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterAsyncCommands<String, byte[]> stubRedis() {
        RedisFuture<byte[]> reply = new CompletedRedisFuture<>("a cached post title".getBytes(StandardCharsets.UTF_8));
        return (RedisClusterAsyncCommands<String, byte[]>) Proxy.newProxyInstance(
                WholeRequestBenchmark.class.getClassLoader(), new Class<?>[] {RedisClusterAsyncCommands.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        return reply;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A GET reply that has already arrived. */
    private static final class CompletedRedisFuture<T> extends CompletableFuture<T> implements RedisFuture<T> {
        CompletedRedisFuture(T value) {
            complete(value);
        }

        @Override
        public String getError() {
            return null;
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
