package dev.perfmon.examples.plain;

import dev.perfmon.testsupport.TestDatabase;
import dev.perfmon.testsupport.TestRedis;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-wired plain servlet application in a real Jetty, over H2 and Redis. */
class PlainServletAppTest {

    private static Server server;
    private static URI base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = PlainServletMain.start(0, TestDatabase.h2().jdbcUrl(), TestRedis.uri());
        base = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void timesRequestsUnderTheirRouteTemplatesAndCountsSqlCacheAndNPlusOne() throws Exception {
        for (int i = 0; i < 12; i++) {
            assertThat(send("POST", "/notes", "note " + i).statusCode()).isEqualTo(201);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(send("GET", "/notes/1", null).body()).isEqualTo("note 0");
        }
        assertThat(send("GET", "/notes", null).body()).startsWith("note 0\nnote 1\n");
        assertThat(send("GET", "/notes/999", null).statusCode()).isEqualTo(404);

        String metrics = send("GET", "/metrics", null).body();
        assertThat(count(metrics, "http_server_requests_seconds_count", "method=\"POST\"", "status=\"201\"", "uri=\"/notes\""))
                .isEqualTo(12);
        assertThat(count(metrics, "http_server_requests_seconds_count", "status=\"200\"", "uri=\"/notes/{id}\""))
                .isEqualTo(3);
        // A read arriving before Redis acknowledged the write-back joins the load: a miss, counted as coalesced.
        double coalesced = count(metrics, "perfmon_cache_coalesced_total", "cache=\"notes\"");
        assertThat(count(metrics, "cache_gets_total", "cache=\"notes\"", "result=\"hit\"") + coalesced).isEqualTo(2);
        assertThat(count(metrics, "cache_gets_total", "cache=\"notes\"", "result=\"miss\"") - coalesced).isEqualTo(2);
        assertThat(count(metrics, "perfmon_nplusone_total", "uri=\"/notes\"")).isEqualTo(1);
        assertThat(metrics).doesNotContain("uri=\"/metrics\"");
        assertThat(metrics).contains("hikaricp_connections_max{pool=\"notes\"}");
    }

    private static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the value of the one sample of {@code name} whose labels contain every fragment */
    static double count(String scrape, String name, String... labelFragments) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{(.*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            boolean all = true;
            for (String fragment : labelFragments) {
                all &= m.group(1).contains(fragment);
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        assertThat(found).as("a sample of %s with %s in%n%s", name, String.join(",", labelFragments),
                scrape.lines().filter(l -> l.startsWith(name)).reduce("", (a, b) -> a + b + "\n")).isTrue();
        return sum;
    }
}
