package dev.perfmon.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfmon.core.PerfMon;
import dev.perfmon.core.PerfMonConfig;
import dev.perfmon.jdbc.pool.PerfMonPoolMonitor;
import dev.perfmon.servlet.PerfMonFilter;
import dev.perfmon.testsupport.Await;
import dev.perfmon.testsupport.TestDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One route guard per {@code PerfMon}: a flood of templated routes past the guard's budget, sent
 * over real HTTP through the servlet filter into handlers that run an N+1 and time out on a
 * HikariCP pool over H2, is folded the same way by every route-keyed meter. Each route is kept by
 * the request timer, the breakdown, the N+1 counter and the pool-timeout counter alike, or folded
 * into {@code OTHER} by all of them, with the same counts; the declared route that comes after the
 * flood keeps its own name everywhere.
 */
class RouteFoldingAgreementTest {

    private static final int CAP = 4;
    private static final String[] WORDS = {"zalpha", "zbravo", "zcharlie", "zdelta", "zecho", "zfoxtrot", "zgolf",
            "zhotel", "zindia", "zjuliet", "zkilo", "zlima"};
    private static final int ROUNDS = 2;
    private static final String ITEM_BY_ID = "select name from guard_items where id = ?";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aFloodPastTheGuardFoldsTheSameRoutesInTheRequestTimerBreakdownNPlusOneAndPoolTimeouts() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PerfMon perfMon = PerfMon.builder(registry)
                .config(PerfMonConfig.builder().maxTagValues(CAP).logFindings(false).build()).build();
             HikariDataSource pool = PerfMonPoolMonitor.builder(perfMon).build().createDataSource(poolOfOne())) {
            createItems(pool);
            DataSource dataSource = PerfMonDataSource.builder(pool, perfMon).name("main").build();
            Server server = start(perfMon, dataSource);
            try {
                int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
                for (int round = 0; round < ROUNDS; round++) {
                    for (String word : WORDS) {
                        assertThat(get(port, "/catalog/" + word)).isEqualTo(200);
                    }
                }
                assertThat(get(port, "/posts")).isEqualTo(200);
                int requests = ROUNDS * WORDS.length + 1;
                Await.until(requests + " requests recorded", () -> sum(registry, PerfMonFilter.REQUESTS_METER) == requests);
            } finally {
                server.stop();
            }
            assertEveryRouteKeyedMeterFoldsTheSameRoutes(registry);
        }
    }

    /** The first {@value #CAP} templated routes kept and the declared one, the rest folded: in every meter, counts included. */
    private static void assertEveryRouteKeyedMeterFoldsTheSameRoutes(SimpleMeterRegistry registry) {
        Map<String, Double> expected = new TreeMap<>();
        for (int i = 0; i < CAP; i++) {
            expected.put("/catalog/" + WORDS[i], (double) ROUNDS);
        }
        expected.put("OTHER", (double) ROUNDS * (WORDS.length - CAP));
        expected.put("/posts", 1.0);

        Map<String, Map<String, Double>> byMeter = new LinkedHashMap<>();
        byMeter.put(PerfMonFilter.REQUESTS_METER, countsByUri(registry, PerfMonFilter.REQUESTS_METER, "status", "200"));
        byMeter.put("perfmon.request.segment", countsByUri(registry, "perfmon.request.segment", "segment", "db.query"));
        byMeter.put("perfmon.request.statements", countsByUri(registry, "perfmon.request.statements"));
        byMeter.put("perfmon.nplusone", countsByUri(registry, "perfmon.nplusone", "datasource", "main"));
        byMeter.put("perfmon.pool.timeouts", countsByUri(registry, "perfmon.pool.timeouts", "pool", "guard"));
        assertThat(byMeter).allSatisfy((meter, counts) -> assertThat(counts).as(meter).isEqualTo(expected));
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTag("method"))
                .as(meter.getId().toString()).isIn(null, "GET"));
    }

    /** Borrows the pool's one connection, looks six items up one by one (an N+1), and times out asking for a second. */
    private static void work(DataSource dataSource, HttpServletResponse response) throws IOException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lookup = connection.prepareStatement(ITEM_BY_ID)) {
            for (int id = 1; id <= 6; id++) {
                lookup.setInt(1, id);
                try (ResultSet rs = lookup.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            try (Connection second = dataSource.getConnection()) {
                throw new IllegalStateException("a pool of one lent a second connection: " + second);
            } catch (SQLTransientConnectionException timedOut) {
                response.getWriter().write("ok");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HikariConfig poolOfOne() {
        TestDatabase db = TestDatabase.h2();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setPoolName("guard");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(250);
        return config;
    }

    private static void createItems(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table guard_items (id int primary key, name varchar(20) not null)");
            s.execute("insert into guard_items values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f')");
        }
    }

    /** Jetty with the filter first, a prefix servlet whose paths are templated and an exactly mapped route. */
    private static Server start(PerfMon perfMon, DataSource dataSource) throws Exception {
        Server server = new Server(new QueuedThreadPool(8, 2));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder filter = new FilterHolder(new PerfMonFilter(perfMon));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        HttpServlet handler = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                work(dataSource, res);
            }
        };
        context.addServlet(new ServletHolder(handler), "/catalog/*");
        context.addServlet(new ServletHolder(handler), "/posts");
        server.setHandler(context);
        server.start();
        return server;
    }

    private int get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** @return the meter's measurements per {@code uri}, over every series matching the tags */
    private static Map<String, Double> countsByUri(SimpleMeterRegistry registry, String name, String... tags) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : registry.find(name).tags(tags).meters()) {
            counts.merge(meter.getId().getTag("uri"), count(meter), Double::sum);
        }
        return counts;
    }

    private static double sum(SimpleMeterRegistry registry, String name) {
        return countsByUri(registry, name).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double count(Meter meter) {
        return meter.<Double>match(gauge -> Double.NaN, counter -> counter.count(), timer -> (double) timer.count(),
                summary -> (double) summary.count(), longTask -> Double.NaN, timeGauge -> Double.NaN,
                functionCounter -> functionCounter.count(), functionTimer -> functionTimer.count(), other -> Double.NaN);
    }
}
