package dev.perfmon.examples.boot;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example application with Spring Boot's one setting for virtual threads
 * ({@code spring.threads.virtual.enabled}): every request runs on a fresh virtual thread of the
 * embedded container, sixteen at a time, and each is still counted once under its route, its own
 * statements counted in its own breakdown and its N+1 found under its own route. JDK 21+: runs
 * with {@code -Pvirtual-threads}.
 */
@Tag("virtual-threads")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootOnVirtualThreadsTest {

    private static final int LISTINGS = 40;
    private static final int LOOKUPS = 120;

    private ConfigurableApplicationContext application;
    private Http http;
    private final Set<String> requestThreads = ConcurrentHashMap.newKeySet();

    @BeforeAll
    void start() throws Exception {
        // Notes the thread each request runs on, as the container hands it over: a filter bean of
        // this run alone (a configuration class in this package would be scanned by every test's run).
        Filter requestThreadProbe = (request, response, chain) -> {
            requestThreads.add(Thread.currentThread().toString());
            chain.doFilter(request, response);
        };
        application = new SpringApplicationBuilder(BootExampleApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("requestThreadProbe", requestThreadProbe))
                .run("--server.port=0", "--spring.threads.virtual.enabled=true");
        http = new Http("http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port"));
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < LISTINGS + LOOKUPS; i++) {
                String path = i % 4 == 0 ? "/posts" : "/posts/" + (1 + i % SampleData.POSTS);
                statuses.add(clients.submit(() -> http.get(path).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdown();
        }
    }

    @AfterAll
    void stop() {
        application.close();
    }

    @Test
    void theRequestsRanOnVirtualThreads() {
        assertThat(requestThreads).isNotEmpty().allMatch(thread -> thread.startsWith("VirtualThread["));
    }

    @Test
    void everyRequestIsCountedOnceUnderItsRoute() {
        String scrape = scrapeOnceRecorded();

        assertThat(value(scrape, "http_server_requests_seconds_count", "uri=\"/posts\"")).isEqualTo(LISTINGS);
        assertThat(value(scrape, "http_server_requests_seconds_count", "uri=\"/posts/{id}\"")).isEqualTo(LOOKUPS);
    }

    @Test
    void eachListingCountsItsOwnStatementsAndItsOwnNPlusOne() {
        String scrape = scrapeOnceRecorded();

        // One query for the posts and one per post, in every listing and in no other request.
        assertThat(value(scrape, "perfmon_request_statements_count", "uri=\"/posts\"")).isEqualTo(LISTINGS);
        assertThat(value(scrape, "perfmon_request_statements_sum", "uri=\"/posts\""))
                .isEqualTo(LISTINGS * (1 + SampleData.POSTS));
        assertThat(value(scrape, "perfmon_nplusone_total", "uri=\"/posts\"")).isEqualTo(LISTINGS);
        assertThat(value(scrape, "perfmon_nplusone_total", "uri=\"/posts/{id}\"")).isZero();
    }

    /**
     * @return a scrape once every request is recorded: a client may read its response before the
     *     server finished recording the request
     */
    private String scrapeOnceRecorded() {
        return Await.until("every request recorded", () -> {
            String scrape = http.get("/actuator/prometheus").body();
            return value(scrape, "http_server_requests_seconds_count", "uri=\"/posts") >= LISTINGS + LOOKUPS ? scrape : null;
        });
    }

    /** @return the sum of the samples of {@code name} whose labels contain {@code label}, 0 when none */
    private static double value(String scrape, String name, String label) {
        // Label values may hold braces ({id}): a label set is quoted values and what lies between them.
        Matcher samples = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{((?:[^\"}]|\"[^\"]*\")*)} (\\S+)$")
                .matcher(scrape);
        double sum = 0;
        while (samples.find()) {
            if (samples.group(1).contains(label)) {
                sum += Double.parseDouble(samples.group(2));
            }
        }
        return sum;
    }
}
