package dev.perfmon.servlet;

import dev.perfmon.core.report.PerfReporter;
import dev.perfmon.servlet.dashboard.PerfMonDashboardServlet;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read the dashboard, over real HTTP. A remote client is played by a Jetty customizer
 * that gives requests carrying {@code X-Test-Client} that remote address, the way a connection
 * from another host would have it; the servlet sees only {@code getRemoteAddr()}.
 */
class DashboardAccessTest {

    private static final String REMOTE = "203.0.113.7";

    private static TestApp app(Consumer<PerfMonDashboardServlet.Builder> settings) throws Exception {
        TestApp app = TestApp.builder().config(HttpMetricsConfig.builder().excludePathPrefixes("/perfmon").build())
                .setup(a -> a.context.addEventListener(new ServletContextListener() {
                    @Override
                    public void contextInitialized(ServletContextEvent event) {
                        PerfMonDashboardServlet.Builder builder =
                                PerfMonDashboardServlet.builder(PerfReporter.builder(a.perfMon).build());
                        settings.accept(builder);
                        builder.build().registerWith(event.getServletContext(), "/perfmon");
                    }
                })).start();
        playRemoteClients(app);
        return app;
    }

    private static void playRemoteClients(TestApp app) {
        ServerConnector connector = (ServerConnector) app.server.getConnectors()[0];
        HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        http.addCustomizer((request, responseHeaders) -> {
            String client = request.getHeaders().get("X-Test-Client");
            if (client == null) {
                return request;
            }
            SocketAddress remote = new InetSocketAddress(client, 40000);
            return new Request.Wrapper(request) {
                @Override
                public ConnectionMetaData getConnectionMetaData() {
                    return new ConnectionMetaData.Wrapper(super.getConnectionMetaData()) {
                        @Override
                        public SocketAddress getRemoteSocketAddress() {
                            return remote;
                        }
                    };
                }
            };
        });
    }

    private static HttpResponse<String> get(TestApp app, String path, String client) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path));
        if (client != null) {
            request.header("X-Test-Client", client);
        }
        return app.send(request);
    }

    @Test
    void byDefaultOnlyLoopbackClientsAreAnsweredAndOthersGet403OnThePageAndTheData() throws Exception {
        try (TestApp app = app(b -> { })) {
            assertThat(get(app, "/perfmon/", null).statusCode()).isEqualTo(200);
            assertThat(get(app, "/perfmon/data.json", null).statusCode()).isEqualTo(200);
            assertThat(get(app, "/perfmon/", "127.0.0.9").statusCode()).isEqualTo(200);

            HttpResponse<String> page = get(app, "/perfmon/", REMOTE);
            HttpResponse<String> data = get(app, "/perfmon/data.json?window=all", REMOTE);
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(data.statusCode()).isEqualTo(403);
            assertThat(data.body()).startsWith("perfmon dashboard: this client is not allowed").doesNotContain("route");
            assertThat(get(app, "/perfmon/nope", REMOTE).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aLoopbackRequestThatCameThroughAProxyIsRefused() throws Exception {
        try (TestApp app = app(b -> { })) {
            HttpResponse<String> proxied = app.send(HttpRequest.newBuilder(app.uri("/perfmon/data.json"))
                    .header("X-Forwarded-For", REMOTE));
            assertThat(proxied.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aPredicateOrAnyClientOpensIt() throws Exception {
        try (TestApp app = app(b -> b.allow(request -> "ops".equals(request.getHeader("X-Team"))))) {
            assertThat(get(app, "/perfmon/data.json", null).statusCode()).isEqualTo(403);
            assertThat(app.send(HttpRequest.newBuilder(app.uri("/perfmon/data.json")).header("X-Test-Client", REMOTE)
                    .header("X-Team", "ops")).statusCode()).isEqualTo(200);
        }
        try (TestApp app = app(PerfMonDashboardServlet.Builder::allowAnyClient)) {
            assertThat(get(app, "/perfmon/data.json", REMOTE).statusCode()).isEqualTo(200);
        }
        try (TestApp app = app(b -> b.allow(request -> {
            throw new IllegalStateException("rule bug");
        }))) {
            assertThat(get(app, "/perfmon/", null).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void theWebXmlFormReadsTheAllowInitParameter() throws Exception {
        for (String allow : new String[] {"any", "loopback"}) {
            try (TestApp app = TestApp.start(a -> {
                a.context.setAttribute(PerfMonFilter.PERFMON_ATTRIBUTE, a.perfMon);
                ServletHolder holder = new ServletHolder(new PerfMonDashboardServlet());
                holder.setInitParameter(PerfMonDashboardServlet.ALLOW_PARAMETER, allow);
                a.context.addServlet(holder, "/perfmon/*");
            })) {
                playRemoteClients(app);
                assertThat(get(app, "/perfmon/data.json", REMOTE).statusCode()).as(allow)
                        .isEqualTo(allow.equals("any") ? 200 : 403);
                assertThat(get(app, "/perfmon/data.json", null).statusCode()).as(allow).isEqualTo(200);
            }
        }
    }
}
